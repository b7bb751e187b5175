/** An API error with the status shape kubectl prints (`Error from server (NotFound): ...`). */
export type ApiReason = 'NotFound' | 'AlreadyExists' | 'Invalid' | 'BadRequest' | 'Conflict' | 'Forbidden' | 'MethodNotAllowed' | 'TooManyRequests' | 'InternalError';

export class ApiError extends Error {
  constructor(
    readonly code: number,
    readonly reason: ApiReason,
    message: string,
  ) {
    super(message);
  }

  /** The line kubectl prints for this error. */
  kubectlLine(): string {
    if (this.reason === 'Invalid') return this.message;
    return `Error from server (${this.reason}): ${this.message}`;
  }

  /** As `kubectl apply/create -f` prints it: `error when creating "STDIN": ...` after the reason. */
  withVerb(verb: 'creating' | 'applying patch' | 'retrieving current configuration of', source = 'STDIN'): ApiError {
    if (this.reason === 'Invalid') return this;
    return new ApiError(this.code, this.reason, `error when ${verb} "${source}": ${this.message}`);
  }
}

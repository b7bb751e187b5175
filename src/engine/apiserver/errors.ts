/** An API error with the status shape kubectl prints (`Error from server (NotFound): ...`). */
export class ApiError extends Error {
  constructor(
    readonly code: number,
    readonly reason: 'NotFound' | 'AlreadyExists' | 'Invalid' | 'BadRequest' | 'Conflict' | 'Forbidden',
    message: string,
  ) {
    super(message);
  }

  /** The line kubectl prints for this error. */
  kubectlLine(): string {
    if (this.reason === 'Invalid') return this.message;
    return `Error from server (${this.reason}): ${this.message}`;
  }
}

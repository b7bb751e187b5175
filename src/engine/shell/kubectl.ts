/** kubectl lives in ./kubectl/ (one file per concern); this keeps the old import path. */
export { kubectl, podReady, podStatus } from './kubectl/index';

// Worker bootstrap for the command line (`npm run train` runs under tsx): module hooks do not carry over into
// worker threads, so register tsx in this thread, then load the TypeScript worker. (Under Next the bundler compiles
// train.worker.ts itself and this file is not used.)
import { register } from 'tsx/esm/api';

register();
await import('./train.worker.ts');

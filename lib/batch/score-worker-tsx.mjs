// Worker bootstrap for tests and command-line scripts (tsx / vitest): module hooks do not carry over into worker
// threads, so register tsx here, then load the TypeScript worker. Under Next the bundler compiles score.worker.ts.
import { register } from 'tsx/esm/api';

register();
await import('./score.worker.ts');

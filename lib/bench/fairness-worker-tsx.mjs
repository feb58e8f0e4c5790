// Worker bootstrap for `npm run bench:fairness` (runs under tsx): module hooks do not carry over into worker
// threads, so register tsx in this thread, then load the TypeScript worker.
import { register } from 'tsx/esm/api';

register();
await import('./fairness.worker.ts');

/** `npm run web`: build the screens if needed, then run web mode (src/web/main.ts) in this process. */
import { buildIfStale } from './build-if-stale.ts';

buildIfStale();
await import('../web/main.ts');

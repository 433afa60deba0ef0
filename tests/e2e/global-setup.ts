/** Builds the screens once before the end-to-end tests (skipped when the build is up to date). */
import { buildIfStale } from '../../src/launch/build-if-stale.ts';

export default function globalSetup(): void {
  buildIfStale();
}

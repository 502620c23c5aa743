import { z } from 'zod';

// MV3's content security policy forbids eval; zod 4 otherwise probes `new Function`
// to compile fast parsers. Imported first by the worker and by the pages' worker client
// (extension/ui/worker-client.ts), which every page that parses loads before it parses.
z.config({ jitless: true });

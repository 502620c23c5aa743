import { z } from 'zod';

// MV3's content security policy forbids eval; zod 4 otherwise probes `new Function`
// to compile fast parsers. Imported first by every extension entry point.
z.config({ jitless: true });

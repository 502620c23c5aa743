import { createRouter } from '../router.ts';
import { bannerRoutes } from './banner.ts';
import { breakRoutes } from './breaks.ts';
import { reportRoutes } from './reports.ts';
import { eventsRoutes } from './events.ts';
import { interstitialRoutes } from './interstitial.ts';
import { settingsRoutes } from './settings.ts';
import { statusRoutes } from './status.ts';
import { acceptanceRoutes } from './acceptance.ts';
import { postureRoutes } from './posture.ts';
import { downloadRoutes } from './downloads.ts';

/** Every message the worker answers, by feature. */
export const handleMessage = createRouter([...statusRoutes, ...bannerRoutes, ...interstitialRoutes, ...settingsRoutes, ...eventsRoutes, ...breakRoutes, ...reportRoutes, ...acceptanceRoutes, ...postureRoutes, ...downloadRoutes]);

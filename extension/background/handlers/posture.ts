import { postureView } from '../posture.ts';
import { route } from '../router.ts';

/** The posture self-check's findings (popup, options page), and "check in now" (support staff, tests). */
export const postureRoutes = [
  route('posture/get', 'extension-page', () => postureView()),
  route('posture/checkin', 'extension-page', () => postureView(true)),
];

import { z } from 'zod';
import { BannerDismissRequest, BannerRequest } from './banner.ts';
import { BreakEndRequest, BreakStartRequest } from './breaks.ts';
import { ReportDefaultsRequest, ReportSubmitRequest, ReportsListRequest } from './reports.ts';
import { EventsRequest } from './events.ts';
import { AcceptanceStatusRequest, AcceptRequest } from './acceptance.ts';
import { ContinueRequest, PageContextRequest } from './interstitial.ts';
import { SettingsRequest, SettingsSaveRequest } from './settings.ts';
import { RefreshRequest, StatusRequest } from './status.ts';
import { PostureCheckinRequest, PostureRequest } from './posture.ts';
import { DownloadAskIctRequest, DownloadGetRequest, DownloadProceedRequest } from './downloads.ts';

/**
 * Every message a page or content script may send the worker, one schema per feature file
 * beside this one (status, banner, interstitial, settings, events, breaks, reports, acceptance, posture, downloads). Every message crossing a
 * boundary is parsed on arrival: a page or content script is never trusted blindly. A new
 * feature adds its file and its requests here, and its handlers in extension/background/handlers/.
 */
export const PageToWorker = z.discriminatedUnion('type', [
  StatusRequest, RefreshRequest, BannerRequest, PageContextRequest, ContinueRequest,
  SettingsRequest, SettingsSaveRequest, EventsRequest, BreakStartRequest, BreakEndRequest, BannerDismissRequest,
  ReportSubmitRequest, ReportDefaultsRequest, ReportsListRequest, AcceptanceStatusRequest, AcceptRequest,
  PostureRequest, PostureCheckinRequest,
  DownloadGetRequest, DownloadProceedRequest, DownloadAskIctRequest,
]);
export type PageToWorker = z.infer<typeof PageToWorker>;
export type MessageType = PageToWorker['type'];

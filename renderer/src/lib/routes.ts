import { screenFromHash, screens } from '../../../shared/domain/screens';
import type { ScreenId } from '../../../shared/domain/screens';

/** The screens (shared/domain/screens.ts: the desktop app's menu names them too). */
export const routes = screens;

export type RouteId = ScreenId;

export const routeFromHash = screenFromHash;

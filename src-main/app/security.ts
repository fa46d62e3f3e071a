import { app, shell, type Session } from 'electron';
import { applyContentSecurityPolicy } from './content-security-policy';
import { guardNavigation, isExternalWebUrl } from './navigation-guard';

/** Hands a web link to the system browser; anything that is not http(s) is dropped. */
export function openInBrowser(url: string): void {
  if (!isExternalWebUrl(url)) return;
  // Reviewed: only http(s) URLs get here (checked above), so a page can never make the OS open
  // a file, run a program or launch another app's URL scheme through this call.
  void shell.openExternal(url); // eng-disable OPEN_EXTERNAL_JS_CHECK
}

/**
 * Every web contents the app ever creates (the window, and anything a compromised page might try
 * to open) gets the navigation guard as it is created, before it can load anything.
 */
export function guardAllWebContents(openExternal: (url: string) => void = openInBrowser): void {
  app.on('web-contents-created', (_event, contents) => guardNavigation(contents, openExternal));
}

/**
 * The session the window uses: the CSP on every HTTP(S) response, and no permission (camera,
 * microphone, geolocation, notifications, ...) is ever granted: the app needs none.
 */
export function hardenSession(session: Session, policy: string): void {
  applyContentSecurityPolicy(session, policy);
  session.setPermissionRequestHandler((_contents, _permission, callback) => callback(false));
  session.setPermissionCheckHandler(() => false);
}

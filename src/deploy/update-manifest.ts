import { xmlEscape as x } from './xml.ts';

/**
 * The update manifest Chrome and Edge fetch from the URL in ExtensionInstallForcelist
 * (`<id>;<updates.xml URL>`): which version is current and where its CRX is. Host it beside the
 * CRX; a new release replaces both (the version must go up for devices to update).
 */
export function updateManifest(extensionId: string, version: string, crxUrl: string): string {
  return `<?xml version='1.0' encoding='UTF-8'?>
<gupdate xmlns='http://www.google.com/update2/response' protocol='2.0'>
  <app appid='${x(extensionId)}'>
    <updatecheck codebase='${x(crxUrl)}' version='${x(version)}' />
  </app>
</gupdate>
`;
}

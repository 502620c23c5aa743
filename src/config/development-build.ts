/**
 * What a development build trusts (`AUP_BUILD_PROFILE=development`, what `npm start` builds):
 * the local server of `npm start`, the development bundle key (tests/fixtures/keys/, private
 * half in the repository) and the development extension key (tests/fixtures/dev-extension-key.pem,
 * which pins the Chrome id). Named once here so that `aup package` can refuse any build that
 * carries one of them: none of it may reach a council device.
 */

export const DEVELOPMENT_POLICY_URL = 'http://127.0.0.1:8080/policy/manifest.json';
/** `npm start`'s report server (aup serve); a development build sends reports there. */
export const DEVELOPMENT_REPORT_ENDPOINT = 'http://127.0.0.1:8081/api/reports';
export const DEVELOPMENT_PUBLIC_KEY_FILE = 'tests/fixtures/keys/dev.public.txt';
/** The content of DEVELOPMENT_PUBLIC_KEY_FILE (tests/unit/package.test.ts checks they agree). */
export const DEVELOPMENT_BUNDLE_KEY = 'pX7JHzmhs4+7VWc+LSUmFGw2+6Q7m033jts3q2rvrBc=';

/**
 * Public half of the development extension key: the manifest `key` of development builds only,
 * so an unpacked development build and a CRX packed with that key share the id CHROME_DEV_ID.
 * Release builds carry no `key`: a CRX's id comes from the key that signs it (aup package).
 */
export const CHROME_DEV_KEY =
  'MIIBIjANBgkqhkiG9w0BAQEFAAOCAQ8AMIIBCgKCAQEA5muN2cc4UUDA32CbaU/oWYL8HhPijpTkznDjF9FpiLvtYc5+DjmDHUjVFl3YIgaiIXR6vikYgaSQ3QRjWB7IMy72LUrG3tfz7Ta0oGIfCoBY6TMS2vCsMq6hMz7XHul74aT9/OlN+3BdplCZZTHgljb8KxCevi3646zVVMBtjb1+l3CV65SZHXuRYs3PW+MmKtv4Den0Vsz2cHXgjso1M3c+HiHSKxdGw7H5ZQ1VMdb+n4ZrHg5S8uVFKaO7iZCrfYM8scYI0U0vUTxUz0rFBWvz/t4rqjT0d/6HLjogqHCYJXbL3fn4Bp3l3Yj0/MfldVscc3qbP+/J2g3dGt3sPQIDAQAB';
export const CHROME_DEV_ID = 'bfombaklaedpegnpncnkbanngnfcbiic';

/** Written into every build (dist/<browser>/aup-build.json) by the build plugin: which profile it is. */
export const BUILD_INFO_FILE = 'aup-build.json';
export type BuildInfo = { profile: 'development' | 'release'; version: string; policyUrl: string | null };

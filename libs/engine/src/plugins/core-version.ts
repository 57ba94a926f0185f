/** This Switchboard's version, which plugin manifests' `core` ranges are checked against (kept equal to package.json). */
export const CORE_VERSION = '0.1.0';

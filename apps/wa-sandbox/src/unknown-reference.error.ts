/** A control call naming a number, WABA or template the sandbox does not have (control API → 404). */
export class UnknownReferenceError extends Error {}

// The access token lives in memory only (never in localStorage, where injected script could read it). The refresh
// token is an httpOnly cookie the browser sends to /api/auth; a reload gets a new access token from it.
let accessToken: string | null = null;

export function readToken(): string | null {
  return accessToken;
}

export function writeToken(token: string): void {
  accessToken = token;
}

export function clearToken(): void {
  accessToken = null;
}

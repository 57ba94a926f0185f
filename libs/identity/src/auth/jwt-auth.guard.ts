import { Injectable, UnauthorizedException } from '@nestjs/common';
import { AuthGuard } from '@nestjs/passport';

/** passport-jwt, with a 401 that says what was wrong (missing, expired, bad signature…) instead of a bare one. */
@Injectable()
export class JwtAuthGuard extends AuthGuard('jwt') {
  override handleRequest<T>(err: unknown, user: T, info: unknown): T {
    if (err) throw err;
    if (!user) {
      const detail = info instanceof Error ? info.message : 'no access token';
      throw new UnauthorizedException(
        `a valid access token is required (Authorization: Bearer <token>): ${detail}`,
      );
    }
    return user;
  }
}

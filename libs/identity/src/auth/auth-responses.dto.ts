import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import {
  departmentRole,
  LoginResponse,
  MembershipView,
  MfaChallengeResponse,
  UserView,
} from '@switchboard/contracts';
import type { MfaSetup } from '../mfa/mfa.service';

// OpenAPI response schemas of the auth routes. Each class implements its contract, so a field changed there
// fails the build here instead of leaving the document behind.

export class MembershipDto implements MembershipView {
  @ApiProperty({ type: String, format: 'uuid' })
  departmentId!: string;

  @ApiProperty({ type: String })
  departmentKey!: string;

  @ApiProperty({ type: String, description: "The department's display name" })
  departmentName!: string;

  @ApiProperty({ enum: departmentRole.options })
  role!: MembershipView['role'];
}

export class UserDto implements UserView {
  @ApiProperty({ type: String, format: 'uuid' })
  id!: string;

  @ApiProperty({ type: String })
  email!: string;

  @ApiProperty({ type: String })
  name!: string;

  @ApiProperty({ type: Boolean })
  isAdmin!: boolean;

  @ApiProperty({ enum: ['active', 'disabled'] satisfies UserView['status'][] })
  status!: UserView['status'];

  @ApiProperty({ type: () => [MembershipDto] })
  memberships!: MembershipDto[];

  @ApiProperty({ type: String, format: 'date-time', nullable: true })
  lastLoginAt!: string | null;

  @ApiProperty({ type: String, format: 'date-time' })
  createdAt!: string;
}

export class LoginResponseDto implements LoginResponse {
  @ApiProperty({ type: String })
  accessToken!: string;

  @ApiProperty({ enum: ['Bearer'] })
  tokenType!: 'Bearer';

  @ApiProperty({ type: Number, description: 'Seconds until the access token expires' })
  expiresIn!: number;

  @ApiProperty({ type: () => UserDto })
  user!: UserDto;
}

export class MfaChallengeResponseDto implements MfaChallengeResponse {
  @ApiProperty({ type: Boolean, enum: [true] })
  mfaRequired!: true;

  @ApiProperty({
    type: Boolean,
    description: 'An admin under the two-factor policy without a factor yet: set it up with `secret` first',
  })
  mfaSetupRequired!: boolean;

  @ApiProperty({
    type: String,
    description: 'Send it back with the code to POST /api/auth/mfa/verify (5 minutes, once)',
  })
  mfaToken!: string;

  @ApiPropertyOptional({
    type: String,
    description: 'Only when mfaSetupRequired: the secret to add to the app',
  })
  secret?: string;

  @ApiPropertyOptional({ type: String })
  otpauthUri?: string;
}

/** A TOTP secret being set up: shown once, active after a code from it confirms it. */
export class MfaSetupDto implements MfaSetup {
  @ApiProperty({ type: String, description: 'The secret (base32) to add to an authenticator app' })
  secret!: string;

  @ApiProperty({ type: String, description: 'The same secret as an otpauth:// URI, for a QR code' })
  otpauthUri!: string;
}

/** A single sign-on provider as the sign-in page lists it. */
export class SsoProviderDto {
  @ApiProperty({ type: String })
  id!: string;

  @ApiProperty({ type: String })
  name!: string;

  @ApiProperty({ type: String, description: 'Where the browser goes to sign in with it' })
  startPath!: string;
}

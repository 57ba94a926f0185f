import { ApiProperty } from '@nestjs/swagger';
import { ProfileView } from '@switchboard/contracts';
import { UserDto } from '../auth/auth-responses.dto';

// OpenAPI response schemas of the signed-in user's own routes. Each class implements its contract, so a field
// changed there fails the build here.

export class ProfileDto extends UserDto implements ProfileView {
  @ApiProperty({ type: Boolean, description: 'Two-step sign-in (a TOTP app) is on' })
  mfaEnabled!: boolean;

  @ApiProperty({
    type: Boolean,
    description: 'False when the account signs in through single sign-on only: no password to change',
  })
  hasPassword!: boolean;
}

export class SignedOutDto {
  @ApiProperty({ type: Number, description: 'How many sessions of other logins were signed out' })
  signedOut!: number;
}

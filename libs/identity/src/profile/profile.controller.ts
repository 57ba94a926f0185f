import { Body, Controller, HttpCode, Patch, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiBody, ApiOkResponse, ApiOperation, ApiResponse, ApiTags } from '@nestjs/swagger';
import {
  changePasswordRequest,
  ChangePasswordRequest,
  ProfileView,
  updateProfileRequest,
  UpdateProfileRequest,
} from '@switchboard/contracts';
import { requestBodySchema, ZodValidationPipe } from '@switchboard/engine';
import { Authenticated } from '../access/authenticated.decorator';
import { ProfileDto, SignedOutDto } from './profile-responses.dto';
import { ProfileService } from './profile.service';

const REFUSALS_NAME_THE_FIELD =
  'A bad field, named in `problems` (empty, too long, unknown); `code` wrong_password when the current password is wrong';

/** The signed-in user's own account: name, e-mail, password and other sessions. Never for API tokens. */
@ApiTags('profile')
@ApiBearerAuth()
@Controller('api/me')
export class ProfileController {
  constructor(private readonly profile: ProfileService) {}

  @Patch()
  @Authenticated()
  @ApiOperation({
    summary: 'Change your name and/or e-mail; a new e-mail needs currentPassword (checked like a sign-in)',
  })
  @ApiBody({ schema: requestBodySchema(updateProfileRequest) })
  @ApiOkResponse({ type: ProfileDto })
  @ApiResponse({ status: 400, description: REFUSALS_NAME_THE_FIELD })
  @ApiResponse({
    status: 409,
    description: 'email: another user has it (email_taken), or the account has no password (no_password)',
  })
  @ApiResponse({ status: 429, description: 'Too many wrong passwords: the e-mail is locked for a while' })
  update(
    @Body(new ZodValidationPipe(updateProfileRequest)) body: UpdateProfileRequest,
  ): Promise<ProfileView> {
    return this.profile.update(body);
  }

  @Post('password')
  @Authenticated()
  @HttpCode(200)
  @ApiOperation({
    summary:
      'Change your password (the product’s password rule applies); every other session of yours is signed out',
  })
  @ApiBody({ schema: requestBodySchema(changePasswordRequest) })
  @ApiOkResponse({ type: SignedOutDto, description: 'Changed; this session stays signed in' })
  @ApiResponse({ status: 400, description: REFUSALS_NAME_THE_FIELD })
  @ApiResponse({
    status: 409,
    description: 'The account signs in through single sign-on and has no password (no_password)',
  })
  @ApiResponse({ status: 429, description: 'Too many wrong passwords: the e-mail is locked for a while' })
  changePassword(
    @Body(new ZodValidationPipe(changePasswordRequest)) body: ChangePasswordRequest,
  ): Promise<{ signedOut: number }> {
    return this.profile.changePassword(body);
  }

  @Post('sign-out-others')
  @Authenticated()
  @HttpCode(200)
  @ApiOperation({ summary: 'Sign out every other session of yours; this one stays' })
  @ApiOkResponse({ type: SignedOutDto })
  signOutOthers(): Promise<{ signedOut: number }> {
    return this.profile.signOutOthers();
  }
}

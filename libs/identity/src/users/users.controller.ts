import { Body, Controller, Get, Param, ParseUUIDPipe, Patch, Post } from '@nestjs/common';
import {
  ApiBearerAuth,
  ApiBody,
  ApiCreatedResponse,
  ApiOkResponse,
  ApiOperation,
  ApiTags,
} from '@nestjs/swagger';
import {
  CreatedUserView,
  createUserRequest,
  CreateUserRequest,
  IssuedLinkView,
  updateUserRequest,
  UpdateUserRequest,
  UserView,
} from '@switchboard/contracts';
import { requestBodySchema, ZodValidationPipe } from '@switchboard/engine';
import { RequirePermission } from '../access/require-permission.decorator';
import { AuthService } from '../auth/auth.service';
import { UserDto } from '../auth/auth-responses.dto';
import { UserAdminService } from './user-admin.service';
import { CreatedUserDto, IssuedLinkDto, RevokedSessionsDto } from './user-responses.dto';

@ApiTags('users')
@ApiBearerAuth()
@Controller('api/users')
export class UsersController {
  constructor(
    private readonly users: UserAdminService,
    private readonly auth: AuthService,
  ) {}

  @Get()
  @RequirePermission('users.manage')
  @ApiOperation({ summary: 'Every user with their department roles (admins only)' })
  @ApiOkResponse({ type: [UserDto] })
  list(): Promise<UserView[]> {
    return this.users.list();
  }

  @Get(':id')
  @RequirePermission('users.manage')
  @ApiOperation({ summary: 'One user' })
  @ApiOkResponse({ type: UserDto })
  get(@Param('id', ParseUUIDPipe) id: string): Promise<UserView> {
    return this.users.get(id);
  }

  @Post()
  @RequirePermission('users.manage')
  @ApiOperation({
    summary:
      'Create a user with department roles; without a password, the answer carries a single-use invitation link',
  })
  @ApiBody({ schema: requestBodySchema(createUserRequest) })
  @ApiCreatedResponse({ type: CreatedUserDto })
  create(@Body(new ZodValidationPipe(createUserRequest)) body: CreateUserRequest): Promise<CreatedUserView> {
    return this.users.create(body);
  }

  @Patch(':id')
  @RequirePermission('users.manage')
  @ApiOperation({ summary: 'Change name, status, admin flag or department roles (audited)' })
  @ApiBody({ schema: requestBodySchema(updateUserRequest) })
  @ApiOkResponse({ type: UserDto })
  update(
    @Param('id', ParseUUIDPipe) id: string,
    @Body(new ZodValidationPipe(updateUserRequest)) body: UpdateUserRequest,
  ): Promise<UserView> {
    return this.users.update(id, body);
  }

  @Post(':id/invitation')
  @RequirePermission('users.manage')
  @ApiOperation({
    summary: 'A new invitation link for a user who has not chosen a password yet (shown once)',
  })
  @ApiCreatedResponse({ type: IssuedLinkDto })
  invitation(@Param('id', ParseUUIDPipe) id: string): Promise<IssuedLinkView> {
    return this.users.issueLink(id, 'invitation');
  }

  @Post(':id/password-reset')
  @RequirePermission('users.manage')
  @ApiOperation({
    summary: 'A single-use password-reset link for a user (shown once; the user signs in again after)',
  })
  @ApiCreatedResponse({ type: IssuedLinkDto })
  passwordReset(@Param('id', ParseUUIDPipe) id: string): Promise<IssuedLinkView> {
    return this.users.issueLink(id, 'password_reset');
  }

  @Post(':id/revoke-sessions')
  @RequirePermission('users.manage')
  @ApiOperation({ summary: 'Sign a user out everywhere' })
  @ApiCreatedResponse({ type: RevokedSessionsDto })
  async revokeSessions(@Param('id', ParseUUIDPipe) id: string): Promise<{ revoked: number }> {
    await this.users.get(id);
    return { revoked: await this.auth.revokeAll(id, 'admin') };
  }
}

import { Body, Controller, Delete, Get, HttpCode, Param, ParseUUIDPipe, Post } from '@nestjs/common';
import {
  ApiBearerAuth,
  ApiBody,
  ApiCreatedResponse,
  ApiNoContentResponse,
  ApiOkResponse,
  ApiOperation,
  ApiTags,
} from '@nestjs/swagger';
import {
  ApiTokenView,
  createApiTokenRequest,
  CreateApiTokenRequest,
  CreatedApiToken,
} from '@switchboard/contracts';
import { requestBodySchema, ZodValidationPipe } from '@switchboard/engine';
import { AccessScope } from '../access/access-scope.service';
import { RequirePermission } from '../access/require-permission.decorator';
import { ApiTokenDto, CreatedApiTokenDto } from './api-token-responses.dto';
import { ApiTokenService } from './api-token.service';

@ApiTags('api tokens')
@ApiBearerAuth()
@Controller('api/api-tokens')
export class ApiTokensController {
  constructor(
    private readonly tokens: ApiTokenService,
    private readonly scope: AccessScope,
  ) {}

  @Get()
  @RequirePermission('api_tokens.manage')
  @ApiOperation({ summary: 'API tokens (never the tokens themselves)' })
  @ApiOkResponse({ type: [ApiTokenDto] })
  list(): Promise<ApiTokenView[]> {
    return this.tokens.list();
  }

  @Post()
  @RequirePermission('api_tokens.manage')
  @ApiOperation({ summary: 'Create a scoped API token; the token is in this response only' })
  @ApiBody({ schema: requestBodySchema(createApiTokenRequest) })
  @ApiCreatedResponse({ type: CreatedApiTokenDto })
  create(
    @Body(new ZodValidationPipe(createApiTokenRequest)) body: CreateApiTokenRequest,
  ): Promise<CreatedApiToken> {
    return this.tokens.create(body, this.scope.actor());
  }

  @Delete(':id')
  @RequirePermission('api_tokens.manage')
  @HttpCode(204)
  @ApiOperation({ summary: 'Revoke an API token (effective on its next use)' })
  @ApiNoContentResponse({ description: 'Revoked' })
  revoke(@Param('id', ParseUUIDPipe) id: string): Promise<void> {
    return this.tokens.revoke(id);
  }
}

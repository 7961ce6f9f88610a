import { Controller, Get } from '@nestjs/common';

import type { Principal } from '@ledger/ledger';

import { CurrentPrincipal } from '../auth/auth.decorators';

/** Who the presented token belongs to: the dashboard signs in with it and picks the views the role may read. */
@Controller('api/v1/session')
export class SessionController {
  @Get()
  whoAmI(@CurrentPrincipal() principal: Principal): { principal: Principal } {
    return { principal };
  }
}

import { Controller, Get } from '@nestjs/common';
import { ApiOkResponse, ApiServiceUnavailableResponse, ApiTags } from '@nestjs/swagger';
import { HealthCheckService, PrismaHealthIndicator } from '@nestjs/terminus';
import { Public } from '../common/auth/public.decorator';
import { ProblemException } from '../common/problem';
import { PrismaService } from '../database/prisma.service';

@ApiTags('health')
@Public()
@Controller('health')
export class HealthController {
  constructor(
    private readonly health: HealthCheckService,
    private readonly db: PrismaHealthIndicator,
    private readonly prisma: PrismaService,
  ) {}

  @Get()
  @ApiOkResponse({ schema: { example: { status: 'ok', database: 'up' } } })
  @ApiServiceUnavailableResponse({ description: 'The database is unreachable (problem+json, `database: "down"`).' })
  async check(): Promise<{ status: 'ok'; database: 'up' }> {
    try {
      await this.health.check([() => this.db.pingCheck('database', this.prisma, { timeout: 3000 })]);
      return { status: 'ok', database: 'up' };
    } catch {
      throw new ProblemException(503, 'The database is unreachable.', {
        headers: { 'retry-after': '5' },
        extensions: { database: 'down' },
      });
    }
  }
}

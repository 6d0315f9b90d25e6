import { Module } from '@nestjs/common';
import { WidgetTokenGuard } from './widget-token.guard';
import { WidgetTokenVerifier } from './widget-token.verifier';

@Module({ providers: [WidgetTokenVerifier, WidgetTokenGuard], exports: [WidgetTokenVerifier, WidgetTokenGuard] })
export class WidgetTokenModule {}

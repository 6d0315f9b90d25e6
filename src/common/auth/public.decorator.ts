import { SetMetadata } from '@nestjs/common';

export const IS_PUBLIC = 'isPublic';

/** Opens a controller or route to callers without a dashboard token (widget, health). */
export const Public = () => SetMetadata(IS_PUBLIC, true);

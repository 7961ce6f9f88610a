import { existsSync, statSync } from 'node:fs';
import { extname, join, normalize, sep } from 'node:path';

import {
  Controller,
  Get,
  Next,
  NotFoundException,
  Req,
  Res,
  ServiceUnavailableException,
} from '@nestjs/common';
import { SkipThrottle } from '@nestjs/throttler';
import type { NextFunction, Request, Response } from 'express';

import { Public } from '../auth/auth.decorators';
import { dashboardDir } from './dashboard-dir';

/** Paths the SPA never owns: they go on to the API's routes (or its 404), never to the dashboard's index page. */
const NOT_SPA = /^\/(api|health)(\/|$)/;

/**
 * The dashboard's static files at `/`, public (the page signs in with a token; every API call it makes needs one).
 * Hashed assets are cached for a year; any other path without a file extension gets index.html (client routing).
 * Registered last; should a controller be registered after it, API paths are passed on (`next()`) untouched, and
 * the catch-all is not throttled, so it never spends a client's API budget.
 */
@Controller()
@Public()
export class DashboardController {
  private readonly dir = dashboardDir();

  @Get()
  index(@Res() res: Response): void {
    this.sendIndex(res);
  }

  @Get('*path')
  @SkipThrottle()
  file(@Req() req: Request, @Res() res: Response, @Next() next: NextFunction): void {
    if (NOT_SPA.test(req.path)) return next();
    const path = decodePath(req.path);
    if (path === null) throw notFound(req.path);
    const relative = normalize(path).replace(/^[/\\]+/, '');
    if (relative.split(sep).some((part) => part === '..' || part.startsWith('.'))) throw notFound(req.path);
    const file = join(this.dir, relative);
    if (relative && isFile(file)) {
      const immutable = relative.startsWith(`assets${sep}`);
      res.sendFile(relative, {
        root: this.dir,
        dotfiles: 'deny',
        maxAge: immutable ? 365 * 24 * 3600 * 1000 : 0,
        immutable,
        headers: immutable ? {} : { 'Cache-Control': 'no-cache' },
      });
      return;
    }
    // A missing asset is a 404 (a stale page asking for an old bundle must not get HTML back); a route is the SPA.
    if (extname(relative) !== '') throw notFound(req.path);
    this.sendIndex(res);
  }

  private sendIndex(res: Response): void {
    this.assertBuilt();
    res.sendFile('index.html', { root: this.dir, headers: { 'Cache-Control': 'no-cache' } });
  }

  private assertBuilt(): void {
    if (existsSync(join(this.dir, 'index.html'))) return;
    throw new ServiceUnavailableException({
      code: 'DASHBOARD.NOT_BUILT',
      message:
        '控制台尚未构建：请运行 npm run build:dashboard（或 npm run build） ' +
        `(the dashboard was not built: run npm run build:dashboard; looked in ${this.dir})`,
    });
  }
}

function decodePath(path: string): string | null {
  try {
    const decoded = decodeURIComponent(path);
    return decoded.includes('\0') ? null : decoded;
  } catch {
    return null;
  }
}

function isFile(path: string): boolean {
  try {
    return statSync(path).isFile();
  } catch {
    return false;
  }
}

function notFound(path: string): NotFoundException {
  return new NotFoundException({ code: 'ROUTE.NOT_FOUND', message: `找不到 ${path} (not found)` });
}

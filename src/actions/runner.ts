// Every change goes through here: refused under --read-only, checked against a form's view of
// the table, applied, echoed as its ipvsadm command, logged, and answered with its undo.
// Several changes (a rules file, an undo of a deleted service) apply as one: if the kernel
// refuses one midway, the ones already applied are rolled back.

import type { Backend } from '../backend/backend.js';
import { errors, IpvsError, isIpvsError } from '../ipvs/errors.js';
import { describeDestination, describeService } from '../ipvs/describe.js';
import type { DestinationConfig, ServiceConfig } from '../ipvs/types.js';
import { formatCommand } from '../model/ipvsadm/index.js';
import { currentUser, type AuditLog } from './audit.js';
import { destinationConfigOf, findDestination, readBefore, serviceConfigOf, type Before } from './before.js';
import { send, type Change } from './change.js';
import { inverseOf } from './inverse.js';

export interface Applied {
  change: Change;
  /** The same change as an ipvsadm command line. */
  ipvsadm: string;
  before: Before;
  /** The changes that undo this one; null when it cannot be undone. */
  undo: Change[] | null;
}

export interface ApplyOptions {
  /**
   * What the operator saw when deciding (a form's starting values). If the table no longer
   * holds that, the change is refused rather than applied to something else.
   */
  expect?: ServiceConfig | DestinationConfig;
}

export interface RunnerOptions {
  readOnly: boolean;
  audit: AuditLog | null;
  /** Called when the audit log cannot be written (the change itself stands). */
  onAuditError?: (error: Error) => void;
}

const sameJson = (a: unknown, b: unknown): boolean => JSON.stringify(a) === JSON.stringify(b);

function checkExpectation(change: Change, before: Before, expect: ServiceConfig | DestinationConfig): void {
  const [service] = before.services;
  const stale = (what: string) =>
    new IpvsError('conflict', `${what} changed since this form was opened (someone else changed the table); nothing was changed, look again and retry.`);
  if (change.kind === 'edit-service' || change.kind === 'delete-service') {
    if (!service || !sameJson(serviceConfigOf(service), serviceConfigOf(expect as ServiceConfig))) {
      throw stale(`Service ${describeService(change.service)}`);
    }
  }
  if (change.kind === 'edit-destination' || change.kind === 'delete-destination') {
    const current = findDestination(service, change.destination);
    if (!current || !sameJson(destinationConfigOf(current), destinationConfigOf(expect as DestinationConfig))) {
      throw stale(`Real server ${describeDestination(change.destination)}`);
    }
  }
}

function afterOf(change: Change): unknown {
  switch (change.kind) {
    case 'add-service':
    case 'edit-service':
      return change.service;
    case 'add-destination':
    case 'edit-destination':
      return change.destination;
    case 'set-timeouts':
      return change.timeouts;
    case 'start-daemon':
      return change.daemon;
    default:
      return null;
  }
}

export class ChangeRunner {
  constructor(
    private readonly backend: Backend,
    private readonly options: RunnerOptions,
  ) {}

  get readOnly(): boolean {
    return this.options.readOnly;
  }

  async apply(change: Change, options: ApplyOptions = {}): Promise<Applied> {
    if (this.options.readOnly) throw errors.readOnly();
    const ipvsadm = formatCommand(change);
    const before = await readBefore(this.backend, change);
    if (options.expect) checkExpectation(change, before, options.expect);
    try {
      await send(this.backend, change);
    } catch (error) {
      await this.log(change, ipvsadm, before, { error: isIpvsError(error) ? error.message : String(error) });
      throw error;
    }
    await this.log(change, ipvsadm, before, 'ok');
    return { change, ipvsadm, before, undo: inverseOf(change, before) };
  }

  /**
   * Applies the changes in order as one: when one fails, the ones before it are undone in
   * reverse order and the error says which change failed (its index) and how the rollback went.
   */
  async applyAll(changes: readonly Change[], describe: (index: number) => string = (i) => `change ${i + 1}`): Promise<Applied[]> {
    if (this.options.readOnly) throw errors.readOnly();
    const applied: Applied[] = [];
    for (const [index, change] of changes.entries()) {
      try {
        applied.push(await this.apply(change));
      } catch (error) {
        const reason = isIpvsError(error) ? error.message : String(error);
        const rollback = await this.rollback(applied);
        throw new IpvsError(
          isIpvsError(error) ? error.kind : 'kernel',
          `${describe(index)}: ${reason.replace(/\.$/, '')}; ${rollback}.`,
          isIpvsError(error) ? error.code : undefined,
        );
      }
    }
    return applied;
  }

  /** Undoes applied changes, newest first; says what happened in a few words. */
  private async rollback(applied: readonly Applied[]): Promise<string> {
    if (applied.length === 0) return 'nothing was changed';
    let failed = 0;
    for (const entry of [...applied].reverse()) {
      for (const undo of entry.undo ?? []) {
        try {
          await this.apply(undo);
        } catch {
          failed += 1;
        }
      }
      if (entry.undo === null) failed += 1;
    }
    const count = `${applied.length} earlier change${applied.length === 1 ? '' : 's'}`;
    return failed === 0
      ? `the ${count} ${applied.length === 1 ? 'was' : 'were'} rolled back, so nothing was changed`
      : `rolling back the ${count} failed in ${failed} step(s): check the table`;
  }

  private async log(change: Change, ipvsadm: string, before: Before, result: 'ok' | { error: string }): Promise<void> {
    if (!this.options.audit) return;
    const { user, sudoUser } = currentUser();
    try {
      await this.options.audit.append({
        time: new Date().toISOString(),
        user,
        sudoUser,
        backend: this.backend.kind,
        action: change.kind,
        ipvsadm,
        before: before.services.length ? before.services.map(({ stats, destinations, ...s }) => ({ ...serviceConfigOf(s), destinations: destinations.map(destinationConfigOf) })) : before.timeouts ?? before.daemons,
        after: afterOf(change),
        result,
      });
    } catch (error) {
      this.options.onAuditError?.(error as Error);
    }
  }
}

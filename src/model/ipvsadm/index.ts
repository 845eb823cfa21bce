// ipvsadm syntax in and out: one parser and one printer for the whole of lvstop.
export type { IpvsadmCommand, IpvsadmCommandKind, IpvsadmOption, ListView, ParsedCommand } from './commands.js';
export { IpvsadmSyntaxError } from './errors.js';
export { parseIpvsadmArgs, parseIpvsadmLine } from './parse.js';
export { parseRules, type ExistingService, type ParseRulesOptions } from './rules.js';
export {
  destinationAddress,
  formatCommand,
  formatRules,
  serviceOption,
  type FormatRulesOptions,
  type RulesService,
} from './print.js';
export { DEFAULT_PERSISTENT_TIMEOUT, DEFAULT_SCHEDULER } from './values.js';
export { compareDestinationsLikeIpvsadm, compareServicesLikeIpvsadm, sortLikeIpvsadm } from './order.js';

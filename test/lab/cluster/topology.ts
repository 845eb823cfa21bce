// Builds and removes the cluster's network: the bridge, the namespaces with their veths, the
// VIPs on the director, and on the real servers what DR and TUN need (the VIPs on lo and on
// the ipip device, ARP kept quiet about them, replies from the VIPs sent straight back).

import { ipBatch, setDirectorSysctls, sysctlIn } from './commands.js';
import {
  BRIDGE,
  CLIENT,
  DIRECT_REPLY_TABLE,
  DIRECTOR,
  REAL_SERVERS,
  SERVER_PREFIX,
  VIPS,
  type RealServerPlan,
} from './plan.js';

const NAMESPACES = [CLIENT.namespace, ...REAL_SERVERS.map((server) => server.namespace)];

function directorLines(): string[] {
  return [
    `link add ${BRIDGE} type bridge`,
    `link set ${BRIDGE} up`,
    `addr add ${DIRECTOR.clientSide}/${CLIENT.prefix} dev ${BRIDGE}`,
    `addr add ${DIRECTOR.serverSide}/${SERVER_PREFIX} dev ${BRIDGE}`,
    ...Object.values(VIPS).map((vip) => `addr add ${vip}/32 dev ${BRIDGE}`),
    // Each namespace gets a veth whose far end is its eth0; the near end (named after the
    // namespace) joins the bridge.
    ...NAMESPACES.flatMap((namespace) => [
      `netns add ${namespace}`,
      `link add ${namespace} type veth peer name eth0 netns ${namespace}`,
      `link set ${namespace} master ${BRIDGE} up`,
    ]),
  ];
}

function clientLines(): string[] {
  return [
    'link set lo up',
    `addr add ${CLIENT.address}/${CLIENT.prefix} dev eth0`,
    'link set eth0 up',
    `route add default via ${DIRECTOR.clientSide}`,
  ];
}

function realServerLines(server: RealServerPlan): string[] {
  return [
    'link set lo up',
    `addr add ${server.address}/${SERVER_PREFIX} dev eth0`,
    'link set eth0 up',
    // NAT: replies must go back through the director, which rewrites them.
    `route add default via ${DIRECTOR.serverSide}`,
    // DR: the VIP on lo; TUN: the VIP on the ipip device that unwraps the director's packets.
    `addr add ${VIPS.route}/32 dev lo`,
    'link set tunl0 up',
    `addr add ${VIPS.tunnel}/32 dev tunl0`,
    // DR and TUN replies leave from the VIP and go straight to the client on the bridge.
    `rule add from ${VIPS.route} lookup ${DIRECT_REPLY_TABLE}`,
    `rule add from ${VIPS.tunnel} lookup ${DIRECT_REPLY_TABLE}`,
    `route add ${CLIENT.network} dev eth0 table ${DIRECT_REPLY_TABLE}`,
  ];
}

/** What every real server needs for DR and TUN: never answer ARP for the VIPs, take unwrapped packets. */
const REAL_SERVER_SYSCTLS = {
  'net.ipv4.conf.all.arp_ignore': 1,
  'net.ipv4.conf.all.arp_announce': 2,
  'net.ipv4.conf.all.rp_filter': 0,
  'net.ipv4.conf.tunl0.rp_filter': 0,
};

/** Removes whatever of the network exists (a lab guest is fresh, but a failed build is not whole). */
async function removeTopology(): Promise<void> {
  // Deleting a namespace deletes its veth, and with it the near end on the bridge.
  await ipBatch([...NAMESPACES.map((namespace) => `netns del ${namespace}`), `link del ${BRIDGE}`], { force: true }).catch(() => {});
}

/** Builds the network; the returned function removes it and restores the director's sysctls. */
export async function buildTopology(): Promise<() => Promise<void>> {
  let restoreSysctls = (): void => {};
  const remove = async (): Promise<void> => {
    restoreSysctls();
    await removeTopology();
  };
  try {
    await ipBatch(directorLines());
    // NAT needs forwarding; with the client and the real servers on one bridge, ICMP redirects
    // would teach the real servers to answer the client directly, around the NAT.
    restoreSysctls = setDirectorSysctls({
      'net.ipv4.ip_forward': 1,
      'net.ipv4.conf.all.send_redirects': 0,
      [`net.ipv4.conf.${BRIDGE}.send_redirects`]: 0,
    });
    await Promise.all([
      ipBatch(clientLines(), { namespace: CLIENT.namespace }),
      ...REAL_SERVERS.map((server) => ipBatch(realServerLines(server), { namespace: server.namespace })),
      ...REAL_SERVERS.map((server) => sysctlIn(server.namespace, REAL_SERVER_SYSCTLS)),
    ]);
  } catch (error) {
    await remove();
    throw error;
  }
  return remove;
}

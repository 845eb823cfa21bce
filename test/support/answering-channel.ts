// A stand-in for a netlink channel in unit tests: each request is answered by a function, also
// when the client sends requests as a series (see RequestSeries), so scripted kernels only
// say what they answer, not how the client's reads are plumbed.

import { NetlinkRequestError, type ChannelRequest, type RequestSeries } from '../../src/ipvs/channel.js';
import type { Replies } from '../../src/ipvs/messages.js';
import type { PooledChannel } from '../../src/ipvs/pool.js';

/** Answers a request, or rejects with a NetlinkRequestError as the kernel's refusal. */
export type Answer = (request: ChannelRequest) => Promise<Replies>;

export function answeringChannel(answer: Answer): PooledChannel {
  return {
    broken: false,
    close() {},
    request: answer,
    async series(series: RequestSeries) {
      for (let attributes = series.next(); attributes !== null; attributes = series.next()) {
        const { familyId, command, version, dump, timeoutMs } = series;
        let replies: Replies;
        try {
          replies = await answer({ familyId, command, version, dump, timeoutMs, attributes });
        } catch (error) {
          if (!(error instanceof NetlinkRequestError)) throw error;
          series.end(error, 0);
          continue;
        }
        for (const reply of replies) {
          const payload = Buffer.concat([Buffer.from([reply.command, reply.version, 0, 0]), reply.attributes]);
          series.message(payload, 0, payload.length);
        }
        series.end(null, replies.datagrams ?? 1);
      }
    },
  };
}


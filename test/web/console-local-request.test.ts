// Who may skip the console's token: a table of requests as a same-host reverse
// proxy, a DNS-rebinding page, a remote client and this machine send them.
import { describe, expect, it } from 'vitest'
import { isLocalRequest, isLoopbackAddress, PROXY_HEADERS, type RequestOrigin } from '../../adapters/web/console-access.js'
import { ConfigError, loadConfig, parseTrustProxy } from '../../bot/config.js'

const local: RequestOrigin = { socketAddress: '127.0.0.1', headers: {}, host: '127.0.0.1:3000', forwardedChain: undefined }
const xff = (value: string) => ({ 'x-forwarded-for': value })

describe('isLocalRequest', () => {
  it.each<[string, Partial<RequestOrigin>, boolean]>([
    ['plain local', {}, true],
    ['plain local, localhost', { host: 'localhost:3000' }, true],
    ['plain local over IPv6', { socketAddress: '::1', host: '[::1]:3000' }, true],
    ['plain local, IPv4-mapped socket', { socketAddress: '::ffff:127.0.0.1' }, true],
    ['plain local, another 127/8 address', { socketAddress: '127.0.1.1' }, true],
    ['plain local, with TRUST_PROXY (no proxy headers)', { forwardedChain: ['127.0.0.1'] }, true],
    ['remote socket, loopback Host', { socketAddress: '203.0.113.7' }, false],
    ['remote socket, IPv4-mapped', { socketAddress: '::ffff:203.0.113.7' }, false],
    ['no socket address', { socketAddress: undefined }, false],
    ['DNS rebinding: loopback socket, foreign Host', { host: 'evil.example:3000' }, false],
    ['no Host', { host: undefined }, false],
    ['nginx default: loopback socket, X-Forwarded-For, Host rewritten', { headers: xff('203.0.113.7') }, false],
    ['proxy claims a loopback client, proxy not trusted', { headers: xff('127.0.0.1') }, false],
    ['trusted same-host proxy, remote client', { headers: xff('203.0.113.7'), forwardedChain: ['127.0.0.1', '203.0.113.7'] }, false],
    ['trusted same-host proxy, client on this machine', { headers: xff('127.0.0.1'), forwardedChain: ['127.0.0.1', '127.0.0.1'] }, true],
    [
      'TRUST_PROXY=true, a remote client prepends 127.0.0.1',
      { headers: xff('127.0.0.1, 203.0.113.7'), forwardedChain: ['127.0.0.1', '203.0.113.7', '127.0.0.1'] },
      false,
    ],
    ['proxy headers from a socket TRUST_PROXY does not trust', { headers: xff('127.0.0.1'), forwardedChain: ['127.0.0.1'] }, false],
    [
      'trusted proxy on another machine, its own loopback client',
      { socketAddress: '10.0.0.5', headers: xff('127.0.0.1'), forwardedChain: ['10.0.0.5', '127.0.0.1'] },
      false,
    ],
    ['Forwarded only (not read by fastify)', { headers: { forwarded: 'for=127.0.0.1' }, forwardedChain: ['127.0.0.1'] }, false],
  ])('%s → %s', (_name, change, expected) => {
    expect(isLocalRequest({ ...local, ...change })).toBe(expected)
  })

  it.each(PROXY_HEADERS)('any proxy header makes a loopback socket not local by itself: %s', (name) => {
    expect(isLocalRequest({ ...local, headers: { [name]: 'x' } })).toBe(false)
  })

  it('knows loopback addresses', () => {
    for (const address of ['127.0.0.1', '127.255.0.9', '::1', '::ffff:127.0.0.1', '::ffff:7f00:1'])
      expect(isLoopbackAddress(address)).toBe(true)
    for (const address of ['10.0.0.1', '::', '0.0.0.0', '::ffff:10.0.0.1', 'localhost', '', undefined, '128.0.0.1'])
      expect(isLoopbackAddress(address)).toBe(false)
  })
})

describe('TRUST_PROXY', () => {
  it.each<[string, boolean | string[]]>([
    ['', false],
    ['false', false],
    ['true', true],
    ['loopback', ['loopback']],
    ['127.0.0.1, 10.0.0.0/8,::1', ['127.0.0.1', '10.0.0.0/8', '::1']],
    ['fd00::/8', ['fd00::/8']],
  ])('%j → %j', (text, expected) => {
    expect(parseTrustProxy(text)).toEqual(expected)
  })

  it.each(['2', 'proxy.example', '10.0.0.0/33', '10.0.0.1/8/8', 'loopback,', '::1/129'])('refuses %j', (text) => {
    expect(() => parseTrustProxy(text)).toThrow()
  })

  it('is false by default, and a bad value stops start-up naming it', () => {
    expect(loadConfig({} as NodeJS.ProcessEnv, '/nonexistent').TRUST_PROXY).toBe(false)
    expect(() => loadConfig({ TRUST_PROXY: '1' } as NodeJS.ProcessEnv, '/nonexistent')).toThrow(ConfigError)
    expect(() => loadConfig({ TRUST_PROXY: '1' } as NodeJS.ProcessEnv, '/nonexistent')).toThrow(/TRUST_PROXY \("1"\): a hop count/)
  })
})

// Starts an in-memory PLC directory and a Bluesky PDS on loopback, then prints one JSON line with
// their URLs and the admin password and keeps running until stdin closes or a signal arrives.
// Usage: node launch.mjs <data directory>  (node 22, run where node_modules holds the packages).
import { randomBytes } from 'node:crypto'
import { createServer } from 'node:net'
import { mkdirSync } from 'node:fs'
import { join } from 'node:path'
import plc from '@did-plc/server'
import { PDS, envToCfg, envToSecrets, readEnv } from '@atproto/pds'

const dataDir = process.argv[2]
if (!dataDir) {
  console.error('usage: node launch.mjs <data directory>')
  process.exit(2)
}

// The PDS puts its own URL (http://localhost:<port>) into the DID documents it registers, so it
// needs its real port before it starts: ask the kernel for a free one.
const freePort = () =>
  new Promise((resolve, reject) => {
    const probe = createServer()
    probe.once('error', reject)
    probe.listen(0, '127.0.0.1', () => {
      const { port } = probe.address()
      probe.close(() => resolve(port))
    })
  })

const plcServer = plc.PlcServer.create({ db: plc.Database.mock(), port: await freePort() })
const plcHttp = await plcServer.start()
const plcUrl = `http://localhost:${plcHttp.address().port}`

const pdsPort = await freePort()
const adminPassword = randomBytes(12).toString('hex')
mkdirSync(join(dataDir, 'blobs'), { recursive: true })
Object.assign(process.env, {
  PDS_HOSTNAME: 'localhost',
  PDS_PORT: String(pdsPort),
  PDS_DEV_MODE: 'true',
  PDS_INVITE_REQUIRED: 'false',
  PDS_SERVICE_HANDLE_DOMAINS: '.test',
  PDS_DID_PLC_URL: plcUrl,
  PDS_DATA_DIRECTORY: dataDir,
  PDS_BLOBSTORE_DISK_LOCATION: join(dataDir, 'blobs'),
  PDS_JWT_SECRET: randomBytes(16).toString('hex'),
  PDS_ADMIN_PASSWORD: adminPassword,
  PDS_PLC_ROTATION_KEY_K256_PRIVATE_KEY_HEX: randomBytes(32).toString('hex'),
  // Nothing to federate with: no relay to crawl us, no App View to proxy to.
  PDS_CRAWLERS: '',
  LOG_ENABLED: 'false',
})
const env = readEnv()
const pds = await PDS.create(envToCfg(env), envToSecrets(env))
await pds.start()

console.log(JSON.stringify({ pds: `http://localhost:${pdsPort}`, plc: plcUrl, adminPassword }))

let stopping = false
const stop = async () => {
  if (stopping) return
  stopping = true
  await pds.destroy()
  await plcServer.destroy()
  process.exit(0)
}
process.on('SIGTERM', stop)
process.on('SIGINT', stop)
process.stdin.on('end', stop)
process.stdin.resume()

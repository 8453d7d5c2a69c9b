// npm run secrets:rotate - re-encrypt every stored secret with the first key of ENCRYPTION_KEYS.
// Put the new key first in the keyring, run this, then the old key can be removed.
import { closeDb, getDbHandle } from "@/db/client";
import { getKeyring } from "@/lib/server/secret-box";
import { rotateSecrets } from "@/lib/server/rotate-secrets";

async function main() {
  const keyring = getKeyring();
  const rotated = await rotateSecrets(await getDbHandle(), keyring);
  console.log(`Re-encrypted ${rotated} secret(s) with key "${keyring.primaryId}".`);
  await closeDb();
}

main().catch((error) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});

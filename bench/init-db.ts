// Creates and migrates the embedded database in DATA_DIR, then exits (see support.ts).
import { closeDb, getDb } from "@/db/client";

getDb()
  .then(() => closeDb())
  .then(
    () => process.exit(0),
    (error) => {
      console.error(error);
      process.exit(1);
    },
  );

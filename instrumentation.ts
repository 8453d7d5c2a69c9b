// Runs once when the server starts: refuse to start without required production configuration,
// open the database (migrating the embedded one) and start in-process jobs.
export async function register() {
  if (process.env.NEXT_RUNTIME !== "nodejs") return;
  const { startServer } = await import("./lib/server/startup");
  await startServer();
}

/** The tests start their Redis the way the benchmark does: one private redis-server each (src/sandbox). */
export { type RedisServer, startRedisServer } from "../../src/sandbox/redis-server.js";

<?php
// harness.php: a small assertion runner (no PHPUnit) and the fixtures the plugin tests share:
// a real HTTP receiver (php -S) and helpers to connect the plugin and read its queue.

final class Igny8_Test_Failure extends Exception
{
}

final class Igny8_Test
{
    /** The Standard Webhooks test vector's secret, used as this run's webhook secret too. */
    const SECRET = 'whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw';

    /** @var array<int,array{0:string,1:callable}> */
    public static $tests = array();
    /** @var callable[] */
    public static $after_each = array();

    public static function run_all(): int
    {
        $passed = 0;
        $failed = 0;
        foreach (self::$tests as list($name, $fn)) {
            Igny8_Events::reset_request();
            try {
                $fn();
                $passed++;
                echo "ok   $name\n";
            } catch (Throwable $e) {
                $failed++;
                $where = $e instanceof Igny8_Test_Failure ? '' : ' (' . get_class($e) . ' at ' . basename($e->getFile()) . ':' . $e->getLine() . ')';
                echo "FAIL $name: " . $e->getMessage() . "$where\n";
            } finally {
                foreach (self::$after_each as $cleanup) {
                    $cleanup();
                }
            }
        }
        echo "$passed passed, $failed failed\n";
        return $failed === 0 ? 0 : 1;
    }
}

function test(string $name, callable $fn): void
{
    Igny8_Test::$tests[] = array($name, $fn);
}

function check($condition, string $message): void
{
    if (!$condition) {
        throw new Igny8_Test_Failure($message);
    }
}

function check_same($expected, $actual, string $what): void
{
    if ($expected !== $actual) {
        throw new Igny8_Test_Failure("$what: expected " . var_export($expected, true) . ', got ' . var_export($actual, true));
    }
}

/** A real HTTP endpoint on 127.0.0.1 that records what the plugin sends. */
final class Igny8_Test_Receiver
{
    private $process;
    private $dir;
    public $port;

    public function __construct()
    {
        $this->dir = sys_get_temp_dir() . '/igny8-receiver-' . bin2hex(random_bytes(4));
        mkdir($this->dir);
        $probe = stream_socket_server('tcp://127.0.0.1:0');
        $this->port = (int) substr(strrchr(stream_socket_get_name($probe, false), ':'), 1);
        fclose($probe);
        $env = array('IGNY8_RECEIVER_DIR' => $this->dir, 'PATH' => getenv('PATH'));
        $null = array('file', '/dev/null', 'a');
        $this->process = proc_open(
            array(PHP_BINARY, '-S', "127.0.0.1:{$this->port}", __DIR__ . '/receiver.php'),
            array(0 => array('file', '/dev/null', 'r'), 1 => $null, 2 => $null),
            $pipes, null, $env
        );
        for ($i = 0; $i < 100; $i++) {
            $socket = @fsockopen('127.0.0.1', $this->port, $errno, $errstr, 0.1);
            if ($socket) {
                fclose($socket);
                return;
            }
            usleep(20000);
        }
        throw new RuntimeException("test receiver did not start on port {$this->port}");
    }

    public function url(): string
    {
        return "http://127.0.0.1:{$this->port}/hook";
    }

    /** Answer with this status from now on (and a Retry-After header when given). */
    public function answer(int $status, int $retry_after = 0): void
    {
        file_put_contents("{$this->dir}/status", $retry_after ? "$status $retry_after" : (string) $status);
    }

    public function requests(): array
    {
        $file = "{$this->dir}/requests.jsonl";
        if (!is_file($file)) {
            return array();
        }
        return array_map(function ($line) {
            return json_decode($line, true);
        }, array_filter(explode("\n", (string) file_get_contents($file))));
    }

    public function reset(): void
    {
        @unlink("{$this->dir}/requests.jsonl");
        $this->answer(200);
    }

    public function stop(): void
    {
        if (is_resource($this->process)) {
            proc_terminate($this->process);
            proc_close($this->process);
        }
        array_map('unlink', glob("{$this->dir}/*") ?: array());
        @rmdir($this->dir);
    }
}

/** Points the plugin at $url with the test secret, an empty queue and a fresh request scope. */
function connect_plugin(string $url, array $post_types = array()): void
{
    Igny8_Config::save($url, Igny8_Test::SECRET, 'test-integration', $post_types, 'rest');
    Igny8_Queue::clear();
    Igny8_Events::reset_request();
}

/** Every queue row, oldest first, with the payload decoded. */
function queue_rows(): array
{
    global $wpdb;
    $rows = $wpdb->get_results('SELECT * FROM ' . Igny8_Queue::table() . ' ORDER BY id ASC', ARRAY_A);
    foreach ($rows as &$row) {
        $row['payload'] = json_decode($row['payload'], true);
    }
    return $rows;
}

/** Starts a new simulated HTTP request (the plugin de-duplicates within one request). */
function new_request(): void
{
    Igny8_Events::reset_request();
}

function rest(string $method, string $route, array $params = array(), array $headers = array()): WP_REST_Response
{
    $request = new WP_REST_Request($method, $route);
    foreach ($headers as $name => $value) {
        $request->set_header($name, $value);
    }
    if ($method === 'GET') {
        $request->set_query_params($params);
    } else {
        $request->set_header('Content-Type', 'application/json');
        $request->set_body((string) wp_json_encode($params));
    }
    return rest_do_request($request);
}

function as_admin(): int
{
    $admins = get_users(array('role' => 'administrator', 'number' => 1, 'fields' => 'ID'));
    $id = (int) $admins[0];
    wp_set_current_user($id);
    return $id;
}

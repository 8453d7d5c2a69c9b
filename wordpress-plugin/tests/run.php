<?php
// The plugin's tests, run inside a real WordPress (the fixture's instance) from the command line:
//   php wordpress-plugin/tests/run.php /var/lib/wp-fixture/NAME/info.json
// The plugin must be active there (../shared/wordpress/wp-plugin --name NAME wordpress-plugin/igny8-connector).
// Prints one line per test and "N passed, N failed"; exits 1 when a test failed.

if ($argc < 2 || !is_file($argv[1])) {
    fwrite(STDERR, "usage: php run.php INSTANCE_INFO_JSON\n");
    exit(2);
}
$info = json_decode((string) file_get_contents($argv[1]), true);
if (!is_array($info) || empty($info['docroot']) || !is_file($info['docroot'] . '/wp-config.php')) {
    fwrite(STDERR, "run.php: {$argv[1]} does not name a WordPress instance docroot\n");
    exit(2);
}

// As the fixture's boot.php: ABSPATH is the instance tree, so its own wp-config.php loads.
define('ABSPATH', rtrim($info['docroot'], '/') . '/');
define('DISABLE_WP_CRON', true); // this process must not start the site's cron runs
$url = parse_url($info['url']);
$_SERVER += array(
    'HTTP_HOST' => $url['host'] . (isset($url['port']) ? ':' . $url['port'] : ''),
    'SERVER_NAME' => $url['host'], 'SERVER_PORT' => (string) ($url['port'] ?? 80),
    'REQUEST_URI' => '/', 'REQUEST_METHOD' => 'GET', 'SERVER_PROTOCOL' => 'HTTP/1.1', 'REMOTE_ADDR' => '127.0.0.1',
);
require ABSPATH . 'wp-load.php';
require_once ABSPATH . 'wp-admin/includes/plugin.php';
require_once ABSPATH . 'wp-admin/includes/user.php';

if (!is_plugin_active('igny8-connector/igny8-connector.php')) {
    fwrite(STDERR, "run.php: the IGNY8 Connector is not active in {$info['url']}; install it with wp-plugin first\n");
    exit(2);
}

require __DIR__ . '/support/harness.php';

// Deliveries happen when a test runs the queue, not through a loopback to the site.
add_filter('igny8_spawn_loopback', '__return_false');

$original_config = get_option(Igny8_Config::OPTION, null);
$receiver = new Igny8_Test_Receiver();
$created_posts = array();
add_action('wp_insert_post', function ($post_id) use (&$created_posts) {
    $created_posts[] = (int) $post_id;
});
Igny8_Test::$after_each[] = function () use ($receiver) {
    wp_set_current_user(0);
    $receiver->reset();
};

foreach (glob(__DIR__ . '/cases/*.php') as $case) {
    require $case;
}
$status = Igny8_Test::run_all();

// Leave the site as it was: no test posts, no test rows, the previous configuration.
foreach (array_unique($created_posts) as $post_id) {
    wp_delete_post($post_id, true);
}
Igny8_Queue::install();
Igny8_Queue::clear();
if ($original_config === null) {
    Igny8_Config::clear();
} else {
    update_option(Igny8_Config::OPTION, $original_config);
}
wp_clear_scheduled_hook(Igny8_Runner::DELIVER_HOOK);
$receiver->stop();
exit($status);

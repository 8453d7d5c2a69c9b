<?php
// The igny8/v1 routes: connect, status, disconnect, flush, test; manage_options only; never the secret.

test('routes refuse anonymous callers (401) and non-admins (403)', function () {
    check_same(401, rest('GET', '/igny8/v1/status')->get_status(), 'anonymous status');
    check_same(401, rest('POST', '/igny8/v1/connect', array('webhook_url' => 'http://127.0.0.1:1/', 'secret' => Igny8_Test::SECRET, 'integration_id' => 'x'))->get_status(), 'anonymous connect');
    $editor = wp_insert_user(array('user_login' => 'igny8_test_editor_' . wp_rand(), 'user_pass' => wp_generate_password(), 'role' => 'editor'));
    try {
        wp_set_current_user($editor);
        check_same(403, rest('GET', '/igny8/v1/status')->get_status(), 'editor status');
        check_same(403, rest('POST', '/igny8/v1/disconnect')->get_status(), 'editor disconnect');
    } finally {
        wp_delete_user($editor);
    }
});

test('connect rejects a bad URL, secret, integration id or post type with 400 and keeps the old settings', function () use ($receiver) {
    connect_plugin($receiver->url());
    as_admin();
    $good = array('webhook_url' => 'http://127.0.0.1:3000/api/v1/integration/webhook/wordpress/', 'secret' => 'whsec_' . base64_encode(random_bytes(32)), 'integration_id' => '42', 'post_types' => array());
    $cases = array(
        array(array('webhook_url' => 'ftp://example.test/x'), 'igny8_invalid_url'),
        array(array('webhook_url' => 'not a url'), 'igny8_invalid_url'),
        array(array('secret' => 'MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw'), 'igny8_invalid_secret'),
        array(array('secret' => 'whsec_' . base64_encode('short')), 'igny8_invalid_secret'),
        array(array('secret' => 'whsec_not*base64'), 'igny8_invalid_secret'),
        array(array('integration_id' => ''), 'igny8_invalid_integration_id'),
        array(array('post_types' => array('post', 'no_such_type')), 'igny8_invalid_post_type'),
    );
    foreach ($cases as list($override, $code)) {
        $response = rest('POST', '/igny8/v1/connect', array_merge($good, $override));
        check_same(400, $response->get_status(), "status for $code");
        check_same($code, $response->get_data()['code'], 'error code');
    }
    check_same($receiver->url(), Igny8_Config::get()['webhook_url'], 'settings after refused connects');
});

test('connect stores the configuration; status and connect never return the secret; disconnect forgets it', function () {
    as_admin();
    register_post_type('igny8_test_book', array('public' => true, 'show_in_rest' => true));
    $secret = 'whsec_' . base64_encode(random_bytes(32));
    $response = rest('POST', '/igny8/v1/connect', array(
        'webhook_url' => 'http://127.0.0.1:3000/api/v1/integration/webhook/wordpress/',
        'secret' => $secret, 'integration_id' => 42, 'post_types' => array('igny8_test_book'),
    ));
    check_same(200, $response->get_status(), 'connect status');
    $data = $response->get_data();
    check_same(true, $data['configured'], 'configured');
    check_same('42', $data['integration_id'], 'integration id');
    check_same(array('igny8_test_book'), $data['post_types'], 'post types');
    check_same(array('post', 'page', 'igny8_test_book'), $data['tracked_post_types'], 'tracked post types');
    check_same($secret, Igny8_Config::get()['secret'], 'stored secret');
    check(wp_next_scheduled(Igny8_Runner::SWEEP_HOOK) !== false, 'the sweep is scheduled once connected');

    $status = rest('GET', '/igny8/v1/status');
    check_same(200, $status->get_status(), 'status status');
    $body = (string) wp_json_encode($status->get_data());
    foreach (array('version', 'configured', 'webhook_url', 'post_types', 'queue', 'last_deliveries') as $key) {
        check(array_key_exists($key, $status->get_data()), "status has $key");
    }
    check_same(IGNY8_CONNECTOR_VERSION, $status->get_data()['version'], 'version');
    check_same(array('pending' => 0, 'failed' => 0), $status->get_data()['queue'], 'queue');
    check(strpos($body, substr($secret, 6, 20)) === false && strpos((string) wp_json_encode($data), substr($secret, 6, 20)) === false, 'a response contains the secret');

    $response = rest('POST', '/igny8/v1/disconnect');
    check_same(200, $response->get_status(), 'disconnect status');
    check_same(false, $response->get_data()['configured'], 'configured after disconnect');
    check_same(false, get_option(Igny8_Config::OPTION), 'option after disconnect');
    check_same(false, wp_next_scheduled(Igny8_Runner::SWEEP_HOOK), 'sweep after disconnect');
    check_same(409, rest('POST', '/igny8/v1/flush')->get_status(), 'flush while disconnected');
});

test('test route sends a signed ping and reports the receiver answer', function () use ($receiver) {
    connect_plugin($receiver->url());
    as_admin();
    $data = rest('POST', '/igny8/v1/test')->get_data();
    check_same(true, $data['ok'], 'ok');
    check_same(200, $data['response_code'], 'code');
    $requests = $receiver->requests();
    check_same(1, count($requests), 'requests received');
    $ping = json_decode($requests[0]['body'], true);
    check_same('ping', $ping['action'], 'action');
    check_same($ping['event_id'], $requests[0]['headers']['webhook-id'], 'webhook-id');
    $receiver->answer(401);
    $data = rest('POST', '/igny8/v1/test')->get_data();
    check_same(false, $data['ok'], 'ok on 401');
    check_same(401, $data['response_code'], 'code on 401');
    check(strpos($data['error'], 'HTTP 401') === 0, 'error names the status: ' . $data['error']);
});

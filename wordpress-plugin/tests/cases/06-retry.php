<?php
// Failed deliveries are retried with exponential backoff for a day, honouring Retry-After.

test('backoff doubles from one minute and is capped at four hours', function () {
    $delays = array_map(array('Igny8_Queue', 'retry_delay'), range(1, 11));
    check_same(array(60, 120, 240, 480, 960, 1920, 3840, 7680, 14400, 14400, 14400), $delays, 'delays');
});

test('a failing receiver gets the same signed event again only when the backoff has elapsed, until a day has passed', function () use ($receiver) {
    connect_plugin($receiver->url());
    $receiver->answer(500);
    $t0 = time();
    $queued = Igny8_Queue::enqueue(array('action' => 'post_updated', 'post_id' => 7, 'event_id' => wp_generate_uuid4()), $t0);
    check_same(array('delivered' => 0, 'retrying' => 1, 'failed' => 0), Igny8_Queue::run(array('now' => $t0)), 'first attempt');
    $row = queue_rows()[0];
    check_same(array('pending', '1', (string) ($t0 + 60), '500'), array($row['state'], $row['attempts'], $row['next_attempt_at'], $row['response_code']), 'row after one failure');
    check(strpos($row['last_error'], 'HTTP 500') === 0, 'error recorded: ' . $row['last_error']);
    check_same('retrying', Igny8_Queue::recent()[0]['state'], 'shown as retrying');

    Igny8_Queue::run(array('now' => $t0 + 59));
    check_same(1, count($receiver->requests()), 'requests before the backoff elapsed');

    $now = $t0 + 60;
    $attempt_times = array($t0);
    while (queue_rows()[0]['state'] === 'pending') {
        $attempt_times[] = $now;
        Igny8_Queue::run(array('now' => $now));
        $now = (int) queue_rows()[0]['next_attempt_at'];
        check(count($attempt_times) < 30, 'retries never end');
    }
    $offsets = array_map(function ($t) use ($t0) {
        return $t - $t0;
    }, $attempt_times);
    check_same(array(0, 60, 180, 420, 900, 1860, 3780, 7620, 15300, 29700, 44100, 58500, 72900), $offsets, 'attempt times');
    check_same('failed', queue_rows()[0]['state'], 'state after a day');
    $requests = $receiver->requests();
    check_same(13, count($requests), 'requests');
    check_same(1, count(array_unique(array_map(function ($r) {
        return $r['headers']['webhook-id'] . $r['body'];
    }, $requests))), 'every attempt is the same event and body');
    check_same(array('pending' => 0, 'failed' => 1), Igny8_Queue::counts(), 'counts');

    $receiver->answer(200);
    as_admin();
    $data = rest('POST', '/igny8/v1/flush', array('retry_failed' => true))->get_data();
    check_same(1, $data['requeued'], 'requeued');
    check_same(1, $data['result']['delivered'], 'delivered on flush');
    check_same(array('pending' => 0, 'failed' => 0), $data['queue'], 'queue after flush');
    check_same($queued, (int) queue_rows()[0]['id'], 'same row');
});

test('Retry-After on a 429 postpones the next attempt; flush sends before the backoff elapsed', function () use ($receiver) {
    connect_plugin($receiver->url());
    $receiver->answer(429, 600);
    $t0 = time();
    Igny8_Queue::enqueue(array('action' => 'post_updated', 'post_id' => 8, 'event_id' => wp_generate_uuid4()), $t0);
    Igny8_Queue::run(array('now' => $t0));
    check_same((string) ($t0 + 600), queue_rows()[0]['next_attempt_at'], 'next attempt');
    $receiver->answer(200);
    as_admin();
    check_same(1, rest('POST', '/igny8/v1/flush')->get_data()['result']['delivered'], 'flushed');
    check_same('delivered', queue_rows()[0]['state'], 'state');
});

test('an unreachable receiver is a retry, not a loss', function () use ($receiver) {
    $probe = stream_socket_server('tcp://127.0.0.1:0');
    $port = (int) substr(strrchr(stream_socket_get_name($probe, false), ':'), 1);
    fclose($probe); // nothing listens there now
    connect_plugin("http://127.0.0.1:$port/hook");
    Igny8_Queue::enqueue(array('action' => 'post_updated', 'post_id' => 9, 'event_id' => wp_generate_uuid4()));
    check_same(array('delivered' => 0, 'retrying' => 1, 'failed' => 0), Igny8_Queue::run(), 'run');
    $row = queue_rows()[0];
    check_same('0', $row['response_code'], 'no HTTP status');
    check($row['last_error'] !== '', 'the connection error is recorded');
});

test('a row claimed by another runner is not sent twice', function () use ($receiver) {
    global $wpdb;
    connect_plugin($receiver->url());
    $id = Igny8_Queue::enqueue(array('action' => 'post_updated', 'post_id' => 10, 'event_id' => wp_generate_uuid4()));
    $wpdb->update(Igny8_Queue::table(), array('locked_until' => time() + 30), array('id' => $id));
    Igny8_Queue::run();
    check_same(0, count($receiver->requests()), 'requests while claimed');
    Igny8_Queue::run(array('now' => time() + 31));
    check_same(1, count($receiver->requests()), 'requests once the claim expired');
});

test('the earliest pending attempt is recorded, so any page view can start an overdue run', function () use ($receiver) {
    connect_plugin($receiver->url());
    check_same(0, (int) get_option(Igny8_Queue::NEXT_DUE_OPTION), 'nothing pending');
    $receiver->answer(500);
    $t0 = time();
    Igny8_Queue::enqueue(array('action' => 'post_updated', 'post_id' => 11, 'event_id' => wp_generate_uuid4()), $t0);
    check_same($t0, (int) get_option(Igny8_Queue::NEXT_DUE_OPTION), 'due after enqueue');
    Igny8_Queue::run(array('now' => $t0));
    check_same($t0 + 60, (int) get_option(Igny8_Queue::NEXT_DUE_OPTION), 'due after a failure');
    Igny8_Runner::spawn_if_overdue(); // not due yet: nothing claimed
    check_same($t0 + 60, (int) get_option(Igny8_Queue::NEXT_DUE_OPTION), 'due before it is overdue');
    update_option(Igny8_Queue::NEXT_DUE_OPTION, time() - 1);
    Igny8_Runner::spawn_if_overdue(); // overdue: claims the next minute and starts a run
    check(abs((int) get_option(Igny8_Queue::NEXT_DUE_OPTION) - (time() + 60)) <= 1, 'claimed the next minute');
    $receiver->answer(200);
    Igny8_Queue::run(array('now' => $t0 + 60));
    check_same(0, (int) get_option(Igny8_Queue::NEXT_DUE_OPTION), 'nothing pending after delivery');
});

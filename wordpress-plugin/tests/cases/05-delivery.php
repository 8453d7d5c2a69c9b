<?php
// Queued events reach a real HTTP receiver, signed per Standard Webhooks.

test('a queued event is delivered signed: webhook-id is the event id, signature verifies, body is the payload', function () use ($receiver) {
    connect_plugin($receiver->url());
    $id = wp_insert_post(array('post_title' => 'Deliver me', 'post_status' => 'publish'));
    $row = queue_rows()[0];
    check_same(array('delivered' => 1, 'retrying' => 0, 'failed' => 0), Igny8_Queue::run(), 'run');
    $requests = $receiver->requests();
    check_same(1, count($requests), 'requests received');
    $r = $requests[0];
    check_same('POST', $r['method'], 'method');
    check_same('/hook', $r['path'], 'path');
    check_same('application/json', $r['headers']['content-type'], 'content-type');
    check_same($row['event_id'], $r['headers']['webhook-id'], 'webhook-id');
    $timestamp = (int) $r['headers']['webhook-timestamp'];
    check(abs($timestamp - time()) <= 5, 'webhook-timestamp is the send time');
    check_same(Igny8_Signature::sign(Igny8_Test::SECRET, $r['headers']['webhook-id'], $timestamp, $r['body']), $r['headers']['webhook-signature'], 'webhook-signature');
    check_same($row['payload'], json_decode($r['body'], true), 'body');
    check_same($id, json_decode($r['body'], true)['post_id'], 'post_id in body');
    check_same('delivered', queue_rows()[0]['state'], 'row state');
    check_same(array(), array_diff_key(array_flip(array('webhook-id', 'webhook-timestamp', 'webhook-signature')), $r['headers']), 'all three headers');

    as_admin();
    $status = rest('GET', '/igny8/v1/status')->get_data();
    check_same(array('pending' => 0, 'failed' => 0), $status['queue'], 'queue');
    check_same('delivered', $status['last_deliveries'][0]['state'], 'last delivery state');
    check_same(200, $status['last_deliveries'][0]['response_code'], 'last delivery code');
    check_same($row['event_id'], $status['last_deliveries'][0]['event_id'], 'last delivery event');
    check_same(array('delivered' => 0, 'retrying' => 0, 'failed' => 0), Igny8_Queue::run(), 'a second run has nothing to send');
    check_same(1, count($receiver->requests()), 'no second delivery of the same event');
});

test('queuing an event schedules an immediate WP-Cron delivery and the sweep', function () use ($receiver) {
    connect_plugin($receiver->url());
    wp_clear_scheduled_hook(Igny8_Runner::DELIVER_HOOK);
    Igny8_Runner::ensure_sweep();
    wp_insert_post(array('post_title' => 'Scheduled', 'post_status' => 'publish'));
    $next = wp_next_scheduled(Igny8_Runner::DELIVER_HOOK);
    check($next !== false && $next <= time(), 'a delivery event is due now');
    check(wp_next_scheduled(Igny8_Runner::SWEEP_HOOK) !== false, 'the sweep is scheduled');
    check_same('igny8_every_minute', wp_get_schedule(Igny8_Runner::SWEEP_HOOK), 'sweep schedule');
    do_action(Igny8_Runner::DELIVER_HOOK); // what WP-Cron runs
    check_same(1, count($receiver->requests()), 'delivered by the cron hook');
});

test('the last 50 deliveries are kept', function () use ($receiver) {
    connect_plugin($receiver->url());
    for ($i = 0; $i < 55; $i++) {
        Igny8_Queue::enqueue(array('action' => 'post_updated', 'post_id' => 1, 'event_id' => wp_generate_uuid4()));
    }
    Igny8_Queue::run(array('limit' => 100));
    check_same(55, count($receiver->requests()), 'deliveries');
    check_same(50, count(queue_rows()), 'rows kept');
    check_same(50, count(Igny8_Queue::recent(100)), 'recent deliveries');
});

<?php
// The block editor's double save and quick successive edits give one delivery, never a lost one.

test('two saves of a post in one request queue one event carrying the latest state', function () use ($receiver) {
    connect_plugin($receiver->url());
    $id = wp_insert_post(array('post_title' => 'Double', 'post_status' => 'draft'));
    new_request();
    wp_update_post(array('ID' => $id, 'post_title' => 'Double 1'));
    wp_update_post(array('ID' => $id, 'post_title' => 'Double 2'));
    $rows = queue_rows();
    check_same(array('post_created', 'post_updated'), array_column(array_column($rows, 'payload'), 'action'), 'actions');
    check_same(str_replace(' ', 'T', get_post($id)->post_modified_gmt), $rows[1]['payload']['modified_gmt'], 'modified_gmt of the one update');
});

test('a REST save followed by the block editor meta-box save gives one delivery', function () use ($receiver) {
    connect_plugin($receiver->url());
    $id = wp_insert_post(array('post_title' => 'Gutenberg', 'post_status' => 'publish'));
    Igny8_Queue::run();
    as_admin();
    new_request();
    check_same(200, rest('POST', "/wp/v2/posts/$id", array('title' => 'Gutenberg, edited'))->get_status(), 'REST save');
    Igny8_Queue::run(); // the first delivery has gone out before the meta boxes arrive
    new_request();
    $_GET['meta-box-loader'] = '1';
    try {
        wp_update_post(array('ID' => $id, 'post_title' => 'Gutenberg, edited'));
    } finally {
        unset($_GET['meta-box-loader']);
    }
    check_same(array('post_created', 'post_updated'), array_column(array_column(queue_rows(), 'payload'), 'action'), 'actions');
    check_same(2, count($receiver->requests()), 'deliveries');
});

test('an update absorbs into a queued update not yet sent; once sent, the next edit is a new delivery', function () use ($receiver) {
    connect_plugin($receiver->url());
    $id = wp_insert_post(array('post_title' => 'Coalesce', 'post_status' => 'publish'));
    new_request();
    wp_update_post(array('ID' => $id, 'post_title' => 'Coalesce 1'));
    new_request();
    wp_update_post(array('ID' => $id, 'post_title' => 'Coalesce 2'));
    check_same(2, count(queue_rows()), 'rows while unsent');
    check_same(array('delivered' => 2, 'retrying' => 0, 'failed' => 0), Igny8_Queue::run(), 'run');
    new_request();
    wp_update_post(array('ID' => $id, 'post_title' => 'Coalesce 3'));
    check_same(3, count(queue_rows()), 'rows after an edit following the delivery');
    check_same('pending', queue_rows()[2]['state'], 'the new edit is queued');
});

test('an IGNY8 update and a human update are never folded into one event', function () use ($receiver) {
    connect_plugin($receiver->url());
    as_admin();
    $id = wp_insert_post(array('post_title' => 'Echo', 'post_status' => 'publish'));
    Igny8_Queue::run();
    new_request();
    rest('POST', "/wp/v2/posts/$id", array('title' => 'From IGNY8'), array('X-IGNY8-Origin' => 'igny8'));
    new_request();
    wp_update_post(array('ID' => $id, 'post_title' => 'From a human'));
    $payloads = array_column(queue_rows(), 'payload');
    check_same(3, count($payloads), 'rows');
    check_same('igny8', $payloads[1]['origin'] ?? null, 'origin of the IGNY8 update');
    check(!isset($payloads[2]['origin']), 'the human update has no origin');
});

<?php
// Echo suppression (origin) and exactly-once creates (_igny8_content_id meta and lookup).

test('a change made through REST with X-IGNY8-Origin: igny8 is still delivered, marked origin igny8', function () use ($receiver) {
    connect_plugin($receiver->url());
    as_admin();
    $created = rest('POST', '/wp/v2/posts', array('title' => 'Pushed', 'status' => 'publish'), array('X-IGNY8-Origin' => 'igny8'));
    check_same(201, $created->get_status(), 'create');
    $payload = queue_rows()[0]['payload'];
    check_same('post_created', $payload['action'], 'action');
    check_same('igny8', $payload['origin'] ?? null, 'origin');
    new_request();
    rest('POST', '/wp/v2/posts', array('title' => 'Typed by a person', 'status' => 'publish'));
    check(!isset(queue_rows()[1]['payload']['origin']), 'no origin without the header');
    Igny8_Queue::run();
    check_same(2, count($receiver->requests()), 'both delivered');
});

test('IGNY8 sets _igny8_content_id on create and finds the post by it in any status', function () use ($receiver) {
    connect_plugin($receiver->url());
    as_admin();
    $content_id = 'cid-' . wp_generate_uuid4();
    $created = rest('POST', '/wp/v2/posts', array('title' => 'Exactly once', 'status' => 'draft', 'meta' => array('_igny8_content_id' => $content_id)));
    check_same(201, $created->get_status(), 'create');
    $id = $created->get_data()['id'];
    check_same($content_id, get_post_meta($id, '_igny8_content_id', true), 'stored meta');
    check_same($content_id, queue_rows()[0]['payload']['igny8_content_id'] ?? null, 'content id in the webhook');

    $found = rest('GET', '/wp/v2/posts', array('igny8_content_id' => $content_id, 'context' => 'edit'));
    check_same(200, $found->get_status(), 'lookup status');
    check_same(array($id), array_column($found->get_data(), 'id'), 'lookup finds the draft');
    check_same($content_id, $found->get_data()[0]['meta']['_igny8_content_id'], 'meta in the edit context');
    check_same(array(), rest('GET', '/wp/v2/posts', array('igny8_content_id' => 'cid-nobody'))->get_data(), 'unknown content id');
    check_same(0, (int) rest('GET', '/wp/v2/posts', array('igny8_content_id' => 'cid-nobody'))->get_headers()['X-WP-Total'], 'X-WP-Total for an unknown id');

    wp_trash_post($id);
    check_same(array($id), array_column(rest('GET', '/wp/v2/posts', array('igny8_content_id' => $content_id))->get_data(), 'id'), 'lookup finds it in the trash');

    $page = rest('POST', '/wp/v2/pages', array('title' => 'Exactly once page', 'meta' => array('_igny8_content_id' => $content_id . '-p')));
    check_same(array($page->get_data()['id']), array_column(rest('GET', '/wp/v2/pages', array('igny8_content_id' => $content_id . '-p'))->get_data(), 'id'), 'pages lookup');

    wp_set_current_user(0);
    check_same(array(), rest('GET', '/wp/v2/pages', array('igny8_content_id' => $content_id . '-p'))->get_data(), 'anonymous lookup finds nothing');
    $public = rest('GET', '/wp/v2/pages/' . $page->get_data()['id'])->get_data();
    check(!isset($public['meta']['_igny8_content_id']), 'the content id is not shown to anonymous readers');
});

test('a user who cannot edit the post cannot set _igny8_content_id', function () {
    $id = wp_insert_post(array('post_title' => 'Not yours', 'post_status' => 'publish'));
    $author = wp_insert_user(array('user_login' => 'igny8_test_author_' . wp_rand(), 'user_pass' => wp_generate_password(), 'role' => 'author'));
    try {
        wp_set_current_user($author);
        $response = rest('POST', "/wp/v2/posts/$id", array('meta' => array('_igny8_content_id' => 'stolen')));
        check_same(403, $response->get_status(), 'status');
        check_same('', get_post_meta($id, '_igny8_content_id', true), 'meta');
    } finally {
        wp_delete_user($author);
    }
});

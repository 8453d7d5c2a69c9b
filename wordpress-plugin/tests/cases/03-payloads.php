<?php
// One event per change, with the documented payload, for every action.

/** The rows queued since $before (a count of rows), asserting there is exactly one. */
function only_new_row(int $before, string $what): array
{
    $rows = queue_rows();
    check_same($before + 1, count($rows), "rows after $what");
    return $rows[count($rows) - 1]['payload'];
}

function check_payload(array $payload, string $action, int $post_id, string $status): void
{
    check_same($action, $payload['action'], 'action');
    check_same($post_id, $payload['post_id'], 'post_id');
    check_same(get_post_type($post_id) ?: $payload['post_type'], $payload['post_type'], 'post_type');
    check_same(home_url(), $payload['site_url'], 'site_url');
    check_same($status, $payload['status'], 'status');
    check_same('test-integration', $payload['integration_id'], 'integration_id');
    check(preg_match('/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/', $payload['event_id']) === 1, 'event_id is a uuid v4: ' . $payload['event_id']);
    check(preg_match('/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d$/', (string) $payload['modified_gmt']) === 1, 'modified_gmt format: ' . $payload['modified_gmt']);
    check(preg_match('/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$/', $payload['occurred_at']) === 1, 'occurred_at format: ' . $payload['occurred_at']);
    check(abs(strtotime($payload['occurred_at']) - time()) < 30, 'occurred_at is now');
    check(!isset($payload['origin']), 'no origin on a change made outside IGNY8');
}

test('create, update, publish, trash, untrash and delete each queue one event with the documented payload', function () use ($receiver) {
    connect_plugin($receiver->url());
    $id = wp_insert_post(array('post_title' => 'Payloads', 'post_status' => 'draft'));
    $p = only_new_row(0, 'create');
    check_payload($p, 'post_created', $id, 'draft');
    as_admin();
    check_same(rest('GET', "/wp/v2/posts/$id", array('context' => 'edit'))->get_data()['modified_gmt'], $p['modified_gmt'], 'modified_gmt equals what REST shows');
    wp_set_current_user(0);

    new_request();
    wp_update_post(array('ID' => $id, 'post_title' => 'Payloads, edited'));
    check_payload(only_new_row(1, 'update'), 'post_updated', $id, 'draft');

    new_request();
    wp_update_post(array('ID' => $id, 'post_status' => 'publish'));
    $p = only_new_row(2, 'publish');
    check_payload($p, 'post_status_changed', $id, 'publish');
    check_same('draft', $p['previous_status'], 'previous_status');

    new_request();
    wp_trash_post($id);
    check_payload(only_new_row(3, 'trash'), 'post_trashed', $id, 'trash');

    new_request();
    wp_untrash_post($id);
    check_payload(only_new_row(4, 'untrash'), 'post_untrashed', $id, get_post_status($id));

    new_request();
    wp_delete_post($id, true);
    $p = only_new_row(5, 'delete');
    check_same(null, get_post($id), 'post gone');
    check_same('post_deleted', $p['action'], 'action');
    check_same($id, $p['post_id'], 'post_id');
    check_same('post', $p['post_type'], 'post_type');
    check_same(6, count(array_unique(array_column(array_column(queue_rows(), 'payload'), 'event_id'))), 'distinct event ids');
});

test('pages and configured post types send webhooks; other types, revisions and autosaves do not', function () use ($receiver) {
    register_post_type('igny8_test_book', array('public' => true, 'show_in_rest' => true));
    connect_plugin($receiver->url());
    $page = wp_insert_post(array('post_title' => 'A page', 'post_type' => 'page', 'post_status' => 'publish'));
    check_payload(only_new_row(0, 'page create'), 'post_created', $page, 'publish');

    new_request();
    wp_insert_post(array('post_title' => 'A book', 'post_type' => 'igny8_test_book', 'post_status' => 'publish'));
    check_same(1, count(queue_rows()), 'rows after creating an unconfigured type');

    new_request();
    wp_update_post(array('ID' => $page, 'post_content' => 'new body')); // also stores a revision
    _wp_put_post_revision(get_post($page), true);                       // an autosave
    check_same(array('post_created', 'post_updated'), array_column(array_column(queue_rows(), 'payload'), 'action'), 'actions (no revision, no autosave)');

    connect_plugin($receiver->url(), array('igny8_test_book'));
    $book = wp_insert_post(array('post_title' => 'Another book', 'post_type' => 'igny8_test_book', 'post_status' => 'draft'));
    $p = only_new_row(0, 'configured type create');
    check_payload($p, 'post_created', $book, 'draft');
    check_same('igny8_test_book', $p['post_type'], 'post_type');
});

test('an auto-draft sends nothing until its first real save, which is post_created', function () use ($receiver) {
    connect_plugin($receiver->url());
    $id = wp_insert_post(array('post_title' => 'Auto Draft', 'post_status' => 'auto-draft'));
    check_same(0, count(queue_rows()), 'rows after the auto-draft');
    new_request();
    wp_update_post(array('ID' => $id, 'post_title' => 'Real title', 'post_status' => 'draft'));
    check_payload(only_new_row(0, 'first save'), 'post_created', $id, 'draft');
});

test('nothing is queued while the plugin is not connected', function () {
    Igny8_Config::clear();
    Igny8_Queue::clear();
    $id = wp_insert_post(array('post_title' => 'Unconnected', 'post_status' => 'publish'));
    wp_trash_post($id);
    wp_delete_post($id, true);
    check_same(0, count(queue_rows()), 'rows');
});

test('a REST status update into and out of the trash is reported as trashed and untrashed', function () use ($receiver) {
    connect_plugin($receiver->url());
    as_admin();
    $id = wp_insert_post(array('post_title' => 'REST trash', 'post_status' => 'publish'));
    new_request();
    check_same(200, rest('DELETE', "/wp/v2/posts/$id")->get_status(), 'REST trash');
    check_payload(only_new_row(1, 'REST trash'), 'post_trashed', $id, 'trash');
    new_request();
    check_same(200, rest('POST', "/wp/v2/posts/$id", array('status' => 'draft'))->get_status(), 'REST status update out of the trash');
    check_payload(only_new_row(2, 'REST untrash'), 'post_untrashed', $id, 'draft');
});

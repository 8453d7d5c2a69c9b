<?php
// GET /igny8/v1/changes: one listing of what changed after a moment, across post types.

test('changes lists posts and pages modified after the moment, trash included, oldest first, with totals', function () {
    as_admin();
    global $wpdb;
    $post = wp_insert_post(array('post_title' => 'Changes post', 'post_status' => 'publish'));
    $page = wp_insert_post(array('post_title' => 'Changes page', 'post_type' => 'page', 'post_status' => 'draft'));
    $gone = wp_insert_post(array('post_title' => 'Changes trashed', 'post_status' => 'publish'));
    wp_trash_post($gone);
    try {
        // Spread the modification times: the page first, then the post, then the trashed one.
        $times = array($page => '2037-01-01 10:00:01', $post => '2037-01-01 10:00:02', $gone => '2037-01-01 10:00:03');
        foreach ($times as $id => $time) {
            $wpdb->update($wpdb->posts, array('post_modified' => $time, 'post_modified_gmt' => $time), array('ID' => $id));
            clean_post_cache($id);
        }
        $response = rest('GET', '/igny8/v1/changes', array('modified_after' => '2037-01-01T10:00:00', 'types' => array('post', 'page')));
        check_same(200, $response->get_status(), 'status');
        $items = $response->get_data();
        check_same(array($page, $post, $gone), array_column($items, 'id'), 'ids, oldest first');
        check_same(array('page', 'post', 'post'), array_column($items, 'type'), 'types');
        check_same(array('draft', 'publish', 'trash'), array_column($items, 'status'), 'statuses');
        check_same('2037-01-01T10:00:02', $items[1]['modified'], 'modified (site time)');
        check_same(array('id', 'type', 'status', 'modified', 'modified_gmt'), array_keys($items[0]), 'only the fields a cursor needs');
        check_same('3', $response->get_headers()['X-WP-Total'], 'X-WP-Total');

        // Exclusive, like core's modified_after; paged like core's collections.
        $later = rest('GET', '/igny8/v1/changes', array('modified_after' => '2037-01-01T10:00:02', 'types' => array('post', 'page')));
        check_same(array($gone), array_column($later->get_data(), 'id'), 'after the second item');
        $second = rest('GET', '/igny8/v1/changes', array('modified_after' => '2037-01-01T10:00:00', 'types' => array('post'), 'per_page' => 1, 'page' => 2));
        check_same(array($gone), array_column($second->get_data(), 'id'), 'page 2 of the posts, one per page');
        check_same('2', $second->get_headers()['X-WP-TotalPages'], 'X-WP-TotalPages');
    } finally {
        foreach (array($post, $page, $gone) as $id) {
            wp_delete_post($id, true);
        }
    }
});

test('changes refuses an unknown post type or a bad date with 400, and non-admins with 403', function () {
    as_admin();
    $unknown = rest('GET', '/igny8/v1/changes', array('modified_after' => '2030-01-01T00:00:00', 'types' => array('post', 'no_such_type')));
    check_same(400, $unknown->get_status(), 'unknown type');
    check_same('igny8_invalid_post_type', $unknown->get_data()['code'], 'unknown type code');
    check_same(400, rest('GET', '/igny8/v1/changes', array('modified_after' => 'yesterday'))->get_status(), 'bad date');
    $editor = wp_insert_user(array('user_login' => 'igny8_test_editor_' . wp_rand(), 'user_pass' => wp_generate_password(), 'role' => 'editor'));
    try {
        wp_set_current_user($editor);
        check_same(403, rest('GET', '/igny8/v1/changes', array('modified_after' => '2030-01-01T00:00:00'))->get_status(), 'editor');
    } finally {
        wp_delete_user($editor);
    }
});

<?php
// Uninstall removes the options, the queue table and the scheduled events. Runs last.

test('uninstall removes the options, the queue table and the scheduled events', function () use ($receiver) {
    global $wpdb;
    connect_plugin($receiver->url());
    Igny8_Runner::ensure_sweep();
    wp_insert_post(array('post_title' => 'Before uninstall', 'post_status' => 'publish'));
    check(count(queue_rows()) === 1 && wp_next_scheduled(Igny8_Runner::SWEEP_HOOK), 'set up before uninstall');
    try {
        if (!defined('WP_UNINSTALL_PLUGIN')) {
            define('WP_UNINSTALL_PLUGIN', 'igny8-connector/igny8-connector.php');
        }
        include dirname(__DIR__, 2) . '/igny8-connector/uninstall.php';
        check_same(false, get_option(Igny8_Config::OPTION), 'settings option');
        check_same(false, get_option(Igny8_Queue::DB_VERSION_OPTION), 'schema version option');
        check_same(null, $wpdb->get_var($wpdb->prepare('SHOW TABLES LIKE %s', Igny8_Queue::table())), 'queue table');
        check_same(false, wp_next_scheduled(Igny8_Runner::SWEEP_HOOK), 'sweep');
        check_same(false, wp_next_scheduled(Igny8_Runner::DELIVER_HOOK), 'delivery event');
        check_same(0, (int) $wpdb->get_var("SELECT COUNT(*) FROM {$wpdb->options} WHERE option_name LIKE '%igny8%'"), 'options named igny8');
    } finally {
        Igny8_Plugin::activate(); // the plugin stays installed on this site: put its table back
    }
});

<?php
/**
 * Uninstall: removes the plugin's options, queue table, scheduled events and notices.
 * Post meta _igny8_content_id stays: it records which IGNY8 item each post came from, so a
 * re-installed plugin (and IGNY8's duplicate check) still recognise those posts.
 */

if (!defined('WP_UNINSTALL_PLUGIN')) {
    exit;
}

global $wpdb;

delete_option('igny8_connector_settings');
delete_option('igny8_connector_db_version');
delete_option('igny8_connector_next_due');
$wpdb->query("DROP TABLE IF EXISTS {$wpdb->prefix}igny8_queue");
wp_clear_scheduled_hook('igny8_sweep');
wp_clear_scheduled_hook('igny8_deliver');
$wpdb->query("DELETE FROM {$wpdb->options} WHERE option_name LIKE '\\_transient\\_igny8\\_%' OR option_name LIKE '\\_transient\\_timeout\\_igny8\\_%'");

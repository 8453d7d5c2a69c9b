<?php
/**
 * Plugin Name:       IGNY8 Connector
 * Plugin URI:        https://igny8.com/
 * Description:       Connects this site to IGNY8: signed webhooks on every post change, exactly-once creates, conflict-safe updates and SEO fields (Yoast SEO, Rank Math) for IGNY8's pushes.
 * Version:           1.2.0
 * Requires at least: 5.6
 * Requires PHP:      7.4
 * Author:            IGNY8
 * License:           GPL-2.0-or-later
 * License URI:       https://www.gnu.org/licenses/gpl-2.0.html
 * Text Domain:       igny8-connector
 */

if (!defined('ABSPATH')) {
    exit;
}

define('IGNY8_CONNECTOR_VERSION', '1.2.0');
define('IGNY8_CONNECTOR_FILE', __FILE__);

require_once __DIR__ . '/includes/class-igny8-config.php';
require_once __DIR__ . '/includes/class-igny8-signature.php';
require_once __DIR__ . '/includes/class-igny8-sender.php';
require_once __DIR__ . '/includes/class-igny8-queue.php';
require_once __DIR__ . '/includes/class-igny8-runner.php';
require_once __DIR__ . '/includes/class-igny8-request-context.php';
require_once __DIR__ . '/includes/class-igny8-events.php';
require_once __DIR__ . '/includes/class-igny8-content-id.php';
require_once __DIR__ . '/includes/class-igny8-seo.php';
require_once __DIR__ . '/includes/class-igny8-conflict-guard.php';
require_once __DIR__ . '/includes/class-igny8-rest.php';
require_once __DIR__ . '/includes/class-igny8-raw-excerpt.php';
require_once __DIR__ . '/includes/class-igny8-admin.php';
require_once __DIR__ . '/includes/class-igny8-plugin.php';

register_activation_hook(__FILE__, array('Igny8_Plugin', 'activate'));
register_deactivation_hook(__FILE__, array('Igny8_Plugin', 'deactivate'));

Igny8_Plugin::boot();

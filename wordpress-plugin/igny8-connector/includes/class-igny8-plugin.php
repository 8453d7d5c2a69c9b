<?php
/**
 * Wiring: activation, deactivation and the hooks of every part.
 */

if (!defined('ABSPATH')) {
    exit;
}

final class Igny8_Plugin
{
    /** Registers every part's hooks; called once when the plugin file loads. */
    public static function boot(): void
    {
        add_action('plugins_loaded', array('Igny8_Queue', 'maybe_install'));
        Igny8_Runner::register();
        Igny8_Request_Context::register();
        Igny8_Events::register();
        Igny8_Content_Id::register();
        Igny8_Seo::register();
        Igny8_Conflict_Guard::register();
        Igny8_Rest::register();
        Igny8_Raw_Excerpt::register();
        if (is_admin()) {
            Igny8_Admin::register();
        }
    }

    /** Activation: create the queue table and start the sweep when already configured. */
    public static function activate(): void
    {
        Igny8_Queue::install();
        Igny8_Runner::ensure_sweep();
    }

    /** Deactivation: stop all scheduled work; the configuration and queue stay for a re-activation. */
    public static function deactivate(): void
    {
        Igny8_Runner::clear_schedules();
    }
}

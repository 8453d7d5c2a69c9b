<?php
/**
 * Settings → IGNY8. Variables from Igny8_Admin::render(): $status, $config, $notice, $extra_types.
 */

if (!defined('ABSPATH')) {
    exit;
}
?>
<div class="wrap">
  <h1><?php esc_html_e('IGNY8', 'igny8-connector'); ?></h1>

  <?php if (is_array($notice)) : ?>
    <div class="notice notice-<?php echo esc_attr($notice['type'] === 'success' ? 'success' : 'error'); ?> is-dismissible"><p><?php echo esc_html($notice['message']); ?></p></div>
  <?php endif; ?>

  <h2><?php esc_html_e('Connection', 'igny8-connector'); ?></h2>
  <table class="widefat striped" style="max-width:900px">
    <tbody>
      <tr><th scope="row"><?php esc_html_e('State', 'igny8-connector'); ?></th>
        <td><strong><?php echo $status['configured'] ? esc_html__('Connected', 'igny8-connector') : esc_html__('Not connected', 'igny8-connector'); ?></strong>
          <?php if ($status['connected_at']) : ?>
            <?php /* translators: 1: date, 2: "rest" or "manual" */ echo esc_html(sprintf(__('since %1$s (%2$s)', 'igny8-connector'), $status['connected_at'], $status['connected_via'] === 'rest' ? __('set up by IGNY8', 'igny8-connector') : __('entered here', 'igny8-connector'))); ?>
          <?php endif; ?>
        </td></tr>
      <tr><th scope="row"><?php esc_html_e('IGNY8 webhook URL', 'igny8-connector'); ?></th><td><code><?php echo esc_html($status['webhook_url'] ?? '—'); ?></code></td></tr>
      <tr><th scope="row"><?php esc_html_e('Integration', 'igny8-connector'); ?></th><td><?php echo esc_html($status['integration_id'] ?? '—'); ?></td></tr>
      <tr><th scope="row"><?php esc_html_e('Post types', 'igny8-connector'); ?></th><td><?php echo esc_html(implode(', ', $status['tracked_post_types'])); ?></td></tr>
      <tr><th scope="row"><?php esc_html_e('Queue', 'igny8-connector'); ?></th>
        <td><?php /* translators: 1: pending count, 2: failed count */ echo esc_html(sprintf(__('%1$d pending, %2$d failed', 'igny8-connector'), $status['queue']['pending'], $status['queue']['failed'])); ?></td></tr>
      <tr><th scope="row"><?php esc_html_e('Plugin version', 'igny8-connector'); ?></th><td><?php echo esc_html($status['version']); ?></td></tr>
    </tbody>
  </table>
  <p>
    <?php
    if ($status['configured']) {
        Igny8_Admin::button_form('test', __('Send test webhook', 'igny8-connector'), 'button button-secondary');
        Igny8_Admin::button_form('flush', __('Send pending now', 'igny8-connector'), 'button button-secondary');
        Igny8_Admin::button_form('disconnect', __('Disconnect', 'igny8-connector'), 'button button-link-delete');
    }
    ?>
  </p>

  <h2><?php esc_html_e('Manual setup', 'igny8-connector'); ?></h2>
  <p><?php esc_html_e('IGNY8 configures this automatically when you connect the site. Enter the values here only if IGNY8 asks you to.', 'igny8-connector'); ?></p>
  <form method="post" action="<?php echo esc_url(admin_url('admin-post.php')); ?>">
    <input type="hidden" name="action" value="igny8_save">
    <?php wp_nonce_field('igny8_save'); ?>
    <table class="form-table" role="presentation">
      <tr><th scope="row"><label for="igny8-webhook-url"><?php esc_html_e('IGNY8 webhook URL', 'igny8-connector'); ?></label></th>
        <td><input type="url" id="igny8-webhook-url" name="webhook_url" class="regular-text code" required value="<?php echo esc_attr($config['webhook_url']); ?>"></td></tr>
      <tr><th scope="row"><label for="igny8-secret"><?php esc_html_e('Webhook secret', 'igny8-connector'); ?></label></th>
        <td><input type="password" id="igny8-secret" name="secret" class="regular-text code" autocomplete="off" value=""
            placeholder="<?php echo esc_attr($config['secret'] !== '' ? __('(unchanged)', 'igny8-connector') : 'whsec_…'); ?>"
            <?php echo $config['secret'] === '' ? 'required' : ''; ?>>
          <p class="description"><?php esc_html_e('Starts with whsec_. Leave empty to keep the current secret.', 'igny8-connector'); ?></p></td></tr>
      <tr><th scope="row"><label for="igny8-integration"><?php esc_html_e('Integration ID', 'igny8-connector'); ?></label></th>
        <td><input type="text" id="igny8-integration" name="integration_id" class="regular-text" value="<?php echo esc_attr($config['integration_id']); ?>"></td></tr>
      <?php if ($extra_types) : ?>
      <tr><th scope="row"><?php esc_html_e('Also send webhooks for', 'igny8-connector'); ?></th>
        <td><?php foreach ($extra_types as $type) : ?>
          <label style="display:block"><input type="checkbox" name="post_types[]" value="<?php echo esc_attr($type->name); ?>" <?php checked(in_array($type->name, $config['post_types'], true)); ?>> <?php echo esc_html($type->labels->name); ?></label>
        <?php endforeach; ?></td></tr>
      <?php endif; ?>
    </table>
    <?php submit_button(__('Save', 'igny8-connector')); ?>
  </form>

  <h2><?php esc_html_e('Last deliveries', 'igny8-connector'); ?></h2>
  <?php if (!$status['last_deliveries']) : ?>
    <p><?php esc_html_e('Nothing sent yet.', 'igny8-connector'); ?></p>
  <?php else : ?>
  <table class="widefat striped">
    <thead><tr>
      <th><?php esc_html_e('Time (UTC)', 'igny8-connector'); ?></th><th><?php esc_html_e('Event', 'igny8-connector'); ?></th>
      <th><?php esc_html_e('Post', 'igny8-connector'); ?></th><th><?php esc_html_e('Result', 'igny8-connector'); ?></th>
      <th><?php esc_html_e('Attempts', 'igny8-connector'); ?></th><th><?php esc_html_e('Details', 'igny8-connector'); ?></th>
    </tr></thead>
    <tbody>
    <?php foreach ($status['last_deliveries'] as $row) : ?>
      <tr>
        <td><?php echo esc_html((string) $row['last_attempt_at']); ?></td>
        <td><?php echo esc_html($row['action']); ?><br><small><code><?php echo esc_html($row['event_id']); ?></code></small></td>
        <td><?php echo esc_html((string) $row['post_id']); ?></td>
        <td><?php echo esc_html($row['state']); ?><?php echo $row['response_code'] ? esc_html(' (HTTP ' . $row['response_code'] . ')') : ''; ?></td>
        <td><?php echo esc_html((string) $row['attempts']); ?></td>
        <td><?php echo esc_html($row['error']); ?>
          <?php if ($row['next_attempt_at']) : ?><br><small><?php /* translators: %s: date */ echo esc_html(sprintf(__('next attempt %s', 'igny8-connector'), $row['next_attempt_at'])); ?></small><?php endif; ?></td>
      </tr>
    <?php endforeach; ?>
    </tbody>
  </table>
  <?php endif; ?>
</div>
